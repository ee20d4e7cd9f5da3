package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The reports page in a real headless Chromium: scripted calls whose figures are known (in queue
 * 999: 10 calls, 7 answered, 4 of them within 20 s, 3 abandoned, one under 5 s; and 2 answered
 * calls in queue 998), figures, charts and CSV as a supervisor of 999 sees them (nothing of 998),
 * the whole tenant for an admin, and the KPI settings and the time zone followed.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class ReportsBrowserTest {
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
      rig.hub
          .users()
          .add(
              new User(
                  "sup999",
                  Tenant.DEFAULT_ID,
                  "Giám sát 999",
                  Role.SUPERVISOR,
                  Optional.of("109"),
                  Optional.of(List.of("999")),
                  "vi"),
              ConsoleRig.PASSWORD);
      int[] answeredWaits = {5, 8, 12, 15, 25, 30, 40};
      for (int i = 0; i < answeredWaits.length; i++) {
        answered("rep-a" + i, "999", "10" + (1 + i % 5), answeredWaits[i], 30 + i);
      }
      int[] abandonedWaits = {3, 30, 45};
      for (int i = 0; i < abandonedWaits.length; i++) {
        abandoned("rep-b" + i, "999", abandonedWaits[i]);
      }
      answered("rep-c0", "998", "107", 4, 60);
      answered("rep-c1", "998", "107", 6, 70);
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

  private void openReports() {
    pages.open("/console/reports.html");
  }

  private List<org.openqa.selenium.WebElement> all(String css) {
    return pages.all(css);
  }

  private void answered(String id, String queue, String agent, int wait, int talk) {
    String phone = "0938" + String.format("%06d", Math.abs(id.hashCode()) % 1_000_000);
    Map<String, String> call =
        Map.of("phone", phone, "queue", queue, "extension", agent, "callid", id, "did", "19002028");
    webhook("/api/callcenter/call_in", with(call, "event", "RINGING"));
    webhook("/api/callcenter/call_in", with(call, "event", "ANSWER"));
    webhook("/api/callcenter/hangup", Map.of("callid", id));
    webhook(
        "/api/callcenter/calldata",
        Map.of(
            "callid",
            id,
            "holdtime",
            Integer.toString(wait),
            "duration",
            Integer.toString(wait + talk),
            "billsec",
            Integer.toString(talk),
            "status",
            "ANSWER",
            "queue",
            queue,
            "extension",
            agent,
            "phone",
            phone,
            "direction",
            "Inbound"));
  }

  private void abandoned(String id, String queue, int wait) {
    webhook(
        "/api/callcenter/calldata",
        Map.of(
            "callid",
            id,
            "holdtime",
            Integer.toString(wait),
            "status",
            "ABANDON",
            "queue",
            queue,
            "phone",
            "0912" + String.format("%06d", Math.abs(id.hashCode()) % 1_000_000)));
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    var copy = new java.util.HashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  private void webhook(String path, Map<String, String> fields) {
    assertThat(rig.webhook(path, fields).statusCode()).as(path + " " + fields).isEqualTo(200);
  }

  private String total(String field) {
    return browser
        .driver
        .findElement(By.cssSelector("#totals [data-field=" + field + "] .figure"))
        .getText();
  }

  /** The sums of each dataset of a chart, as Chart.js holds them. */
  @SuppressWarnings("unchecked")
  private List<Number> chartSums(String canvas) {
    return (List<Number>)
        browser.driver.executeScript(
            "return Chart.getChart(document.getElementById(arguments[0])).data.datasets"
                + ".map(d => d.data.reduce((a, b) => a + (b ?? 0), 0));",
            canvas);
  }

  private String fetchText(String href) {
    return (String)
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));",
            href);
  }

  @Test
  void aSupervisorOf999SeesTheKnownFiguresChartsAndCsvOf999AndNothingOf998() {
    logIn("sup999");
    openReports();
    assertThat(total("offered")).isEqualTo("10");
    assertThat(total("answered")).isEqualTo("7");
    assertThat(total("abandoned")).isEqualTo("3");
    assertThat(total("short_abandons")).isEqualTo("1");
    // Short abandons left out (the default): 4 within 20 s out of 10 - 1.
    assertThat(total("service_level")).isEqualTo("44%");
    assertThat(total("answer_rate")).isEqualTo("78%");
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector("#totals [data-field=service_level]"))
                .getAttribute("title"))
        .as("the definition beside the figure, with the tenant's threshold")
        .contains("20");

    assertThat(
            browser
                .driver
                .findElement(By.cssSelector("#callbacks [data-field=items] .figure"))
                .getText())
        .as("the abandoned calls of 999 are the callback work list's items")
        .isEqualTo("3");
    assertThat(chartSums("chart-hours").stream().map(Number::intValue).toList())
        .as("answered, abandoned by hour")
        .containsExactly(7, 3);
    assertThat(chartSums("chart-agents").get(0).intValue()).as("answered by agent").isEqualTo(7);
    assertThat(chartSums("chart-days").get(0).doubleValue()).isCloseTo(44.4, within(0.1));

    String page = browser.driver.findElement(By.tagName("main")).getText();
    assertThat(page).contains("999").doesNotContain("998").doesNotContain("107");
    String csv =
        fetchText(
            browser
                .driver
                .findElement(By.cssSelector("a.csv[data-section=queues]"))
                .getAttribute("href"));
    assertThat(csv).contains("999").doesNotContain("998");
    assertThat(csv.lines().count()).as("a header and the row of 999").isEqualTo(2);
  }

  @Test
  void anAdminSeesTheTenantChangesTheThresholdAndTheTimeZoneAndThePageFollows() {
    logIn("admin");
    openReports();
    assertThat(total("answered")).isEqualTo("9");
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("998");

    var threshold = browser.driver.findElement(By.id("kpi-sl"));
    threshold.clear();
    threshold.sendKeys("10");
    String loads = browser.driver.findElement(By.tagName("body")).getAttribute("data-loaded");
    browser.driver.findElement(By.cssSelector("#kpi-settings button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !loads.equals(
                    browser.driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
    // Within 10 s now: 5 and 8 s in 999, 4 and 6 s in 998, out of 12 - 1.
    assertThat(total("service_level")).isEqualTo("36%");

    rig.api("PUT", "/v1/tenant", "{\"time_zone\":\"America/New_York\"}");
    openReports();
    assertThat(browser.driver.findElement(By.id("report-zone")).getText())
        .contains("America/New_York");
    rig.api("PUT", "/v1/tenant", "{\"time_zone\":\"Asia/Ho_Chi_Minh\"}");
    rig.api(
        "PUT",
        "/v1/settings/kpi",
        "{\"service_level_seconds\":20,\"short_abandon_seconds\":5,"
            + "\"short_abandons_excluded\":true,\"service_level_denominator\":\"offered\"}");
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
