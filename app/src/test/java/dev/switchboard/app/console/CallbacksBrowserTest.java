package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The callbacks page in a real headless browser against a real hub and the PBX emulator: an
 * abandoned call appears live in the work list, "Call back" reaches the emulator, and the item
 * resolves live when the connected call is reported.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbacksBrowserTest {
  @TempDir static Path folder;
  private ConsoleRig rig;
  private Browser browser;

  @BeforeAll
  void start() {
    if (Browser.missing().isEmpty()) {
      browser = Browser.start();
      rig = ConsoleRig.start(folder);
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

  @Test
  void anAbandonedCallAppearsLiveIsCalledBackAndResolves() {
    logIn("agent106");
    browser.driver.get(rig.url("/console/callbacks.html"));
    awaitCondition(() -> !all("body[data-ready=true]").isEmpty());
    awaitCondition(() -> !all("#live[data-live=true]").isEmpty());
    String callId = "ab-" + UUID.randomUUID();
    assertThat(
            rig.webhook(
                    "/api/callcenter/calldata",
                    Map.of(
                        "callid", callId,
                        "holdtime", "40",
                        "status", "ABANDON",
                        "queue", "999",
                        "phone", "0977123456"))
                .statusCode())
        .isEqualTo(200);
    awaitCondition(() -> row("open") != null);
    WebElement open = row("open");
    assertThat(open.getText()).contains("999");
    // The phone in national format; the status as a coloured pill whose text can be read.
    assertThat(open.findElement(By.cssSelector(".phone")).getText()).isEqualTo("0977123456");
    WebElement pill = open.findElement(By.cssSelector(".status"));
    assertThat(pill.getText()).isNotBlank();
    assertThat(pill.getAttribute("class")).contains("status-ring");
    assertThat(pill.getCssValue("background-color"))
        .isNotEqualTo(open.getCssValue("background-color"));
    int before = rig.pbx.engine().activeCalls();

    open.findElement(By.cssSelector("button.call-back")).click();

    await().atMost(Duration.ofSeconds(15)).until(() -> rig.pbx.engine().activeCalls() > before);
    // The connected callback, as the PBX reports it.
    String outId = "cb-" + UUID.randomUUID();
    rig.webhook(
        "/api/callcenter/init",
        Map.of("extension", "106", "phone", "0977123456", "callid", outId, "event", "ANSWER"));
    awaitCondition(() -> row("resolved") != null);
    assertThat(row("resolved").findElement(By.cssSelector(".resolution")).getText())
        .contains("106");
    assertThat(row("resolved").findElement(By.cssSelector(".status")).getAttribute("class"))
        .contains("status-on");
    rig.webhook("/api/callcenter/hangup", Map.of("callid", outId));
    rig.sim("POST", "/sim/clock", "{\"advance\":120}");
  }

  private WebElement row(String status) {
    for (WebElement row : all("#callbacks tr[data-status=" + status + "]")) {
      if (row.getText().contains("0977123456")) {
        return row;
      }
    }
    return null;
  }

  private void logIn(String username) {
    browser.forget(rig.url(""));
    browser.driver.get(rig.url("/console/index.html"));
    awaitCondition(() -> !all("#login-submit").isEmpty());
    browser.driver.findElement(By.id("username")).sendKeys(username);
    browser.driver.findElement(By.id("password")).sendKeys(ConsoleRig.PASSWORD);
    browser.driver.findElement(By.id("login-submit")).click();
    awaitCondition(() -> !browser.driver.getCurrentUrl().contains("/console/index.html"));
  }

  private void awaitCondition(java.util.concurrent.Callable<Boolean> condition) {
    await().atMost(Duration.ofSeconds(20)).until(condition);
  }

  private List<WebElement> all(String css) {
    return browser.driver.findElements(By.cssSelector(css));
  }
}
