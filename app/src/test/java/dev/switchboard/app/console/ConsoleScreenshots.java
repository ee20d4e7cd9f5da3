package dev.switchboard.app.console;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Writes PNGs of the console's main pages, in Vietnamese, with traffic from the emulator, to the
 * folder named by {@code -Dscreenshots.dir} (the README's are in {@code docs/images}):
 *
 * <pre>
 * ./mvnw -B -q -pl app -am test -Dtest=ConsoleScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dscreenshots.dir="$PWD/docs/images"
 * </pre>
 */
@Tag("browser")
@EnabledIfSystemProperty(named = "screenshots.dir", matches = ".+")
class ConsoleScreenshots {
  @TempDir Path folder;

  @Test
  void writeScreenshotsOfTheMainPages() {
    Browser.assumeAvailable();
    Path out = Path.of(System.getProperty("screenshots.dir"));
    try (Browser browser = Browser.start();
        ConsoleRig rig = ConsoleRig.start(folder, true)) {
      rig.api(
          "POST",
          "/v1/contacts",
          "{\"name\":\"Nguyễn Thị Hồng Nhung\",\"company\":\"Công ty TNHH Hoa Sen\","
              + "\"phones\":[\"0938363739\"],\"external_url\":\"https://crm.example.com/c/1\"}");
      // The day so far: answered, abandoned and busy calls through both queues.
      String[] phones = {"0938363739", "0912345678", "0987654321", "0903111222", "0977888999"};
      for (int i = 0; i < 10; i++) {
        String outcome = i % 4 == 3 ? "abandoned" : "answered";
        var placed =
            rig.sim(
                "POST",
                "/sim/calls",
                "{\"direction\":\"inbound\",\"did\":\""
                    + (i % 2 == 0 ? "19002028" : "19002029")
                    + "\",\"phone\":\""
                    + phones[i % phones.length]
                    + "\",\"outcome\":\""
                    + outcome
                    + "\",\"after\":"
                    + (4 + i * 3)
                    + (outcome.equals("answered") ? ",\"talk\":" + (40 + i * 17) : "")
                    + "}");
        if (!placed.has("callid")) {
          throw new AssertionError("the emulator refused call " + i + ": " + placed);
        }
        rig.step(20);
      }
      rig.step(300);
      rig.sim("POST", "/sim/agents/105", "{\"paused\":true}");
      rig.sim("POST", "/sim/agents/110", "{\"paused\":true}");
      // Now: two calls talking, one waiting in a queue, and the agent's phone ringing.
      rig.sim(
          "POST",
          "/sim/calls",
          "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0903111222\","
              + "\"outcome\":\"answered\",\"extension\":\"102\",\"after\":3,\"talk\":900}");
      rig.sim(
          "POST",
          "/sim/calls",
          "{\"direction\":\"inbound\",\"did\":\"19002029\",\"phone\":\"0977888999\","
              + "\"outcome\":\"answered\",\"after\":2,\"talk\":900}");
      rig.step(30);
      rig.sim(
          "POST",
          "/sim/calls",
          "{\"direction\":\"inbound\",\"did\":\"19002029\",\"phone\":\"0911000222\","
              + "\"outcome\":\"abandoned\",\"after\":600}");
      rig.step(1);

      browser.driver.get(rig.url("/console/index.html"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !browser.driver.findElements(By.id("login-submit")).isEmpty());
      browser.screenshot(out.resolve("console-login.png"), 1366, 768);

      logIn(browser, rig, "agent101");
      rig.webhook(
          "/api/callcenter/call_in",
          Map.of(
              "phone", "0938363739",
              "queue", "999",
              "extension", "101",
              "callid", "screenshot-pop",
              "event", "RINGING",
              "did", "19002028"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !browser.driver.findElements(By.cssSelector(".pop")).isEmpty());
      pause();
      browser.screenshot(out.resolve("console-agent.png"), 1366, 768);

      logIn(browser, rig, "supervisor");
      pause();
      browser.screenshot(out.resolve("console-wallboard.png"), 1920, 1080);
      browser.driver.get(rig.url("/console/wallboard.html?tv=1"));
      awaitReady(browser);
      pause();
      browser.screenshot(out.resolve("console-tv.png"), 1920, 1080);

      browser.driver.get(rig.url("/console/calls.html"));
      awaitReady(browser);
      browser.screenshot(out.resolve("console-calls.png"), 1366, 768);
      String callId =
          rig.api("GET", "/v1/calls?outcome=answered&limit=1", null).at("/calls/0/callid").asText();
      browser.driver.get(rig.url("/console/call.html?id=" + callId));
      awaitReady(browser);
      browser.screenshot(out.resolve("console-call.png"), 1366, 900);

      browser.driver.get(rig.url("/console/reports.html"));
      awaitReady(browser);
      pause(); // the charts' animation
      browser.screenshot(out.resolve("console-reports.png"), 1366, 1000);
      browser.driver.get(rig.url("/console/callbacks.html"));
      awaitReady(browser);
      browser.screenshot(out.resolve("console-callbacks.png"), 1366, 500);
      System.out.println("screenshots written to " + out.toAbsolutePath());
    }
  }

  /** Lets the timers tick once so the shots show running times. */
  private static void pause() {
    long until = System.nanoTime() + 1_500_000_000L;
    await().pollDelay(Duration.ofMillis(1500)).until(() -> System.nanoTime() >= until);
  }

  private static void awaitReady(Browser browser) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> !browser.driver.findElements(By.cssSelector("body[data-ready=true]")).isEmpty());
  }

  private static void logIn(Browser browser, ConsoleRig rig, String username) {
    browser.forget(rig.url(""));
    browser.driver.get(rig.url("/console/index.html"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.findElements(By.id("login-submit")).isEmpty());
    browser.driver.findElement(By.id("username")).sendKeys(username);
    browser.driver.findElement(By.id("password")).sendKeys(ConsoleRig.PASSWORD);
    browser.driver.findElement(By.id("login-submit")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.getCurrentUrl().contains("/console/index.html"));
    awaitReady(browser);
  }
}
