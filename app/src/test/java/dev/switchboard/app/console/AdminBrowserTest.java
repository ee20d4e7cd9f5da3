package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.pbx.config.BuiltInCallCenter;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The settings page in a real headless Chromium, as an admin: the time zone changed here is the one
 * the other pages count days in; the PBX key is written and never comes back to the page, and the
 * connection test reaches the emulator; a new webhook URL is shown once; a user made here with a
 * generated password logs in and, a supervisor, is not shown the page; the audit log's filter finds
 * the change.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrowserTest {
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

  private void logIn(String username, String password) {
    pages.logIn(username, password);
  }

  private void open(String page) {
    pages.open(page);
  }

  private List<org.openqa.selenium.WebElement> all(String css) {
    return pages.all(css);
  }

  private String text(String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  @Test
  void anAdminRunsTheCompanysSettingsAndEveryPageFollows() {
    logIn("admin", ConsoleRig.PASSWORD);
    open("/console/admin.html");

    // The time zone: saved here, followed by the reports page and the API.
    new Select(browser.driver.findElement(By.id("time-zone"))).selectByValue("America/New_York");
    browser.driver.findElement(By.cssSelector("#tenant button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> !all("body[data-saved]").isEmpty());
    assertThat(rig.api("GET", "/v1/tenant", null).path("time_zone").asText())
        .isEqualTo("America/New_York");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                all("#audit td.action").stream()
                    .anyMatch(td -> td.getText().equals("tenant.time_zone")));
    open("/console/reports.html");
    assertThat(text("report-zone")).contains("America/New_York");
    open("/console/admin.html");

    // The PBX key: written, never shown back; the test reaches the emulator with it.
    WebElement key = browser.driver.findElement(By.id("pbx-key"));
    key.sendKeys(BuiltInCallCenter.KEY);
    browser.driver.findElement(By.cssSelector("#pbx button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> text("message").length() > 0);
    assertThat(browser.driver.findElement(By.id("pbx-key")).getAttribute("value")).isEmpty();
    assertThat(browser.driver.getPageSource()).doesNotContain(BuiltInCallCenter.KEY);
    browser.driver.findElement(By.id("pbx-test")).click();
    await().atMost(Duration.ofSeconds(20)).until(() -> text("pbx-result").length() > 0);
    assertThat(all("#pbx-result.ok")).as(text("pbx-result")).hasSize(1);

    // A new webhook URL, shown once; the page's URL keeps its token masked.
    browser.driver.findElement(By.id("rotate")).click();
    browser.driver.switchTo().alert().accept();
    await().atMost(Duration.ofSeconds(10)).until(() -> !all("#new-webhook:not(.hidden)").isEmpty());
    String made = text("new-webhook-url");
    String token = made.substring(made.lastIndexOf('/') + 1);
    assertThat(made).contains("/hooks/");
    assertThat(token).hasSizeGreaterThan(20);
    assertThat(text("webhook-url")).doesNotContain(token);
    open("/console/admin.html");
    assertThat(browser.driver.getPageSource()).doesNotContain(token);

    // The audit log's filter.
    WebElement action = browser.driver.findElement(By.id("a-action"));
    action.sendKeys("tenant.pbx");
    String before = browser.driver.findElement(By.tagName("body")).getAttribute("data-audited");
    browser.driver.findElement(By.cssSelector("#audit-filters button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !before.equals(
                    browser.driver.findElement(By.tagName("body")).getAttribute("data-audited")));
    List<String> actions = all("#audit td.action").stream().map(WebElement::getText).toList();
    assertThat(actions).isNotEmpty().allMatch(a -> a.equals("tenant.pbx"));
    rig.api("PUT", "/v1/tenant", "{\"time_zone\":\"Asia/Ho_Chi_Minh\"}");
  }

  @Test
  void aUserMadeHereLogsInWithTheGeneratedPasswordAndASupervisorIsNotShownThePage() {
    logIn("admin", ConsoleRig.PASSWORD);
    open("/console/admin.html");
    browser.driver.findElement(By.id("u-username")).sendKeys("sup999");
    browser.driver.findElement(By.id("u-name")).sendKeys("Giám sát 999");
    new Select(browser.driver.findElement(By.id("u-role"))).selectByValue("supervisor");
    browser.driver.findElement(By.id("u-extension")).sendKeys("109");
    browser.driver.findElement(By.id("u-queues")).sendKeys("999");
    browser.driver.findElement(By.cssSelector("#new-user button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !all("#password-once:not(.hidden)").isEmpty());
    String password = text("password");
    assertThat(password).hasSizeGreaterThanOrEqualTo(12);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !all("#users tr[data-username=sup999]").isEmpty());

    logIn("sup999", password);
    assertThat(all("header nav a[href='/console/admin.html']")).isEmpty();
    browser.driver.get(rig.url("/console/admin.html"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !all("#forbidden:not(.hidden)").isEmpty());
  }
}
