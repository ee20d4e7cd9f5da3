package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The contact book in a real headless Chromium, as a supervisor: a contact created with its phone
 * written one way is found by the phone written another way and by its name without marks, edited
 * and deleted; a CSV of two good rows and a bad one imports with its progress to the end and the
 * bad row's line and reason; an agent is not shown the page.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsBrowserTest {
  @TempDir static Path folder;
  private ConsoleRig rig;
  private Browser browser;
  private ConsolePages pages;

  @BeforeAll
  void start() {
    if (Browser.missing().isEmpty()) {
      browser = Browser.start();
      rig = ConsoleRig.start(folder);
      pages = new ConsolePages(browser, rig);
    }
  }

  @BeforeEach
  void needsTheBrowser() {
    Browser.assumeAvailable();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  private void logIn(String username) {
    pages.logIn(username, ConsoleRig.PASSWORD);
  }

  private void openContacts() {
    pages.open("/console/contacts.html");
  }

  private List<org.openqa.selenium.WebElement> all(String css) {
    return pages.all(css);
  }

  private String searched() {
    return browser.driver.findElement(By.tagName("body")).getAttribute("data-searched");
  }

  /** Searches and waits for the page to show the answer. */
  private List<String> search(String text) {
    String before = searched();
    WebElement q = browser.driver.findElement(By.id("q"));
    q.clear();
    q.sendKeys(text);
    browser.driver.findElement(By.cssSelector("#search button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> !before.equals(searched()));
    return all("#rows tr .name").stream().map(WebElement::getText).toList();
  }

  private void type(String id, String text) {
    WebElement field = browser.driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  private void saveAndWait() {
    String before = searched();
    browser.driver.findElement(By.cssSelector("#editor button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> !before.equals(searched()));
  }

  @Test
  void aSupervisorCreatesFindsEditsAndDeletesAContact() {
    logIn("supervisor");
    openContacts();
    browser.driver.findElement(By.id("new")).click();
    type("f-name", "Nguyễn Thị Hồng");
    type("f-company", "Công ty Hoa Sen");
    type("f-phones", "0938 363 700");
    type("f-owner", "101");
    saveAndWait();
    assertThat(browser.driver.findElement(By.id("message")).getText()).contains("Nguyễn Thị Hồng");

    assertThat(search("+84938363700")).containsExactly("Nguyễn Thị Hồng");
    assertThat(search("nguyen thi hong")).containsExactly("Nguyễn Thị Hồng");
    assertThat(search("hoa sen")).containsExactly("Nguyễn Thị Hồng");

    browser.driver.findElement(By.cssSelector("#rows tr button.edit")).click();
    type("f-company", "Công ty Sen Vàng");
    saveAndWait();
    assertThat(search("sen vang")).containsExactly("Nguyễn Thị Hồng");

    String before = searched();
    browser.driver.findElement(By.cssSelector("#rows tr button.delete")).click();
    browser.driver.switchTo().alert().accept();
    await().atMost(Duration.ofSeconds(10)).until(() -> !before.equals(searched()));
    assertThat(search("0938363700")).isEmpty();
  }

  @Test
  void aCsvImportShowsItsProgressToTheEndAndTheRejectedRow() throws Exception {
    logIn("supervisor");
    openContacts();
    Path csv = folder.resolve("import.csv");
    Files.writeString(
        csv,
        "name,phones,company\n"
            + "Trần Văn Bình,0912 000 001,Bình An\n"
            + "Lê Thị Cúc,0912000002;0283 800 0002,\n"
            + "Không số,12,x\n",
        StandardCharsets.UTF_8);
    browser.driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
    browser.driver.findElement(By.cssSelector("#import button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !all("#import-status[data-state=done]").isEmpty());
    assertThat(browser.driver.findElement(By.id("import-status")).getText())
        .contains("2")
        .contains("1");
    List<WebElement> rejected = all("#rejected tbody tr");
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).getText()).startsWith("4").contains("12");
    assertThat(search("tran van binh")).containsExactly("Trần Văn Bình");
    assertThat(search("0283 800 0002")).containsExactly("Lê Thị Cúc");
  }

  @Test
  void anAgentIsNotShownTheContactBook() {
    logIn("agent101");
    browser.driver.get(rig.url("/console/contacts.html"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !all("#forbidden:not(.hidden)").isEmpty());
    assertThat(all("header nav a[href='/console/contacts.html']")).isEmpty();
  }
}
