package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.server.testing.CuttableProxy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium against a hub fed by the emulator: screen-pops, the
 * wallboard following the PBX, click-to-call, the language toggle, markup shown as text and the
 * catch-up after a dropped stream. One browser for the class.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
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

  /** Logs in through the login page as a fresh visitor; waits for the user's page. */
  private void logIn(String username) {
    browser.forget(rig.url(""));
    browser.driver.get(rig.url("/console/index.html"));
    awaitElement("#login-submit");
    browser.driver.findElement(By.id("username")).sendKeys(username);
    browser.driver.findElement(By.id("password")).sendKeys(ConsoleRig.PASSWORD);
    browser.driver.findElement(By.id("login-submit")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.getCurrentUrl().contains("/console/index.html"));
    awaitReady();
  }

  private void open(String path) {
    browser.driver.get(rig.url(path));
    awaitReady();
  }

  private void awaitReady() {
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  !browser.driver.findElements(By.cssSelector("body[data-ready=true]")).isEmpty());
    } catch (ConditionTimeoutException notReady) {
      throw new AssertionError(
          browser.driver.getCurrentUrl()
              + " never got ready; it shows:\n"
              + browser.driver.findElement(By.tagName("body")).getText()
              + "\nits console:\n"
              + browser.consoleLog(),
          notReady);
    }
  }

  private void awaitLive(boolean live) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !browser
                    .driver
                    .findElements(By.cssSelector("#live[data-live=" + live + "]"))
                    .isEmpty());
  }

  private List<WebElement> all(String css) {
    return browser.driver.findElements(By.cssSelector(css));
  }

  private WebElement awaitElement(String css) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !all(css).isEmpty());
    return all(css).get(0);
  }

  private void ring(String callId, String extension, String phone) {
    assertThat(
            rig.webhook(
                    "/api/callcenter/call_in",
                    Map.of(
                        "phone",
                        phone,
                        "queue",
                        "999",
                        "extension",
                        extension,
                        "callid",
                        callId,
                        "event",
                        "RINGING",
                        "did",
                        "19002028"))
                .statusCode())
        .isEqualTo(200);
  }

  private void agentStatus(String extension, String status) {
    assertThat(
            rig.webhook("/api/Agent/ChangeStatus", Map.of("extension", extension, "status", status))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void screenPopAppearsWithinOneSecondOfTheRingWebhookAndFollowsTheCall() {
    logIn("agent101");
    awaitLive(true);
    String callId = "pop-" + UUID.randomUUID();
    String pop = ".pop[data-callid='" + callId + "']";

    long sent = System.nanoTime();
    ring(callId, "101", "0938363739");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> !all(pop).isEmpty());
    long millis = (System.nanoTime() - sent) / 1_000_000;
    System.out.println("screen-pop shown " + millis + " ms after the ring webhook's reply");
    assertThat(millis).as("screen-pop delay in ms").isLessThan(1000);

    WebElement card = all(pop).get(0);
    assertThat(card.findElement(By.cssSelector(".caller")).getText()).isEqualTo("0938363739");
    assertThat(card.findElement(By.tagName("h2")).getText()).isEqualTo("Cuộc gọi đến");

    rig.webhook(
        "/api/callcenter/call_in",
        Map.of(
            "phone", "0938363739",
            "queue", "999",
            "extension", "101",
            "callid", callId,
            "event", "ANSWER",
            "did", "19002028"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !all(pop + "[data-state=talking]").isEmpty());
    assertThat(all(pop).get(0).findElement(By.tagName("h2")).getText())
        .isEqualTo("Cuộc gọi đang diễn ra");

    rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
    await().atMost(Duration.ofSeconds(10)).until(() -> all(pop).isEmpty());
  }

  @Test
  void anUnknownCallerCanBeSavedAsAContactFromThePop() {
    logIn("agent102");
    awaitLive(true);
    String callId = "new-" + UUID.randomUUID();
    ring(callId, "102", "0977000111");
    WebElement card = awaitElement(".pop[data-callid='" + callId + "']");
    assertThat(card.getText()).contains("Số chưa có trong danh bạ");

    card.findElement(By.cssSelector(".create-contact-open")).click();
    card.findElement(By.cssSelector(".create-contact input[name=name]")).sendKeys("Trần Thị Bích");
    card.findElement(By.cssSelector(".create-contact input[name=company]"))
        .sendKeys("Công ty Ánh Dương");
    card.findElement(By.cssSelector(".create-contact button[type=submit]")).click();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> all(".pop[data-callid='" + callId + "'] .contact-name").size() == 1);
    assertThat(all(".pop[data-callid='" + callId + "'] .contact-name").get(0).getText())
        .isEqualTo("Trần Thị Bích");
    JsonNode contacts = rig.api("GET", "/v1/contacts?phone=%2B84977000111", null);
    assertThat(contacts.at("/contacts/0/name").asText()).isEqualTo("Trần Thị Bích");
    assertThat(contacts.at("/contacts/0/company").asText()).isEqualTo("Công ty Ánh Dương");
    rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
  }

  @Test
  void aContactNamedLikeMarkupShowsAsText() {
    String name = "<img src=x onerror=alert(1)>";
    rig.api(
        "POST",
        "/v1/contacts",
        "{\"name\":\"" + name + "\",\"company\":\"<b>bold</b>\",\"phones\":[\"0909123456\"]}");
    logIn("agent103");
    awaitLive(true);
    String callId = "xss-" + UUID.randomUUID();
    ring(callId, "103", "0909123456");
    WebElement card = awaitElement(".pop[data-callid='" + callId + "'] .contact-name");

    assertThat(card.getText()).isEqualTo(name);
    assertThat(all("#pops img")).isEmpty();
    assertThat(all("#pops b")).isEmpty();
    assertThat(alertShown()).isFalse();
    rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
  }

  private boolean alertShown() {
    try {
      browser.driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException none) {
      return false;
    }
  }

  private String tileStatus(String extension) {
    List<WebElement> tiles = all(".tile[data-extension='" + extension + "']");
    return tiles.isEmpty() ? null : tiles.get(0).getAttribute("data-status");
  }

  @Test
  void wallboardTileFollowsAnAgentTheEmulatorPausesRingsAndConnects() {
    logIn("supervisor");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/console/wallboard.html");
    awaitLive(true);

    rig.sim("POST", "/sim/agents/104", "{\"paused\":true}");
    await().atMost(Duration.ofSeconds(15)).until(() -> "pause".equals(tileStatus("104")));
    var size = all(".tile[data-extension='104']").get(0).getSize();
    WebElement tile = all(".tile[data-extension='104']").get(0);
    assertThat(tile.findElement(By.cssSelector(".status")).getText()).isEqualTo("Tạm nghỉ");

    rig.sim("POST", "/sim/agents/104", "{\"paused\":false}");
    await().atMost(Duration.ofSeconds(15)).until(() -> "on".equals(tileStatus("104")));

    rig.sim(
        "POST",
        "/sim/calls",
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0912345678\","
            + "\"outcome\":\"answered\",\"extension\":\"104\",\"after\":5,\"talk\":30}");
    rig.sim("POST", "/sim/clock", "{\"advance\":1}");
    await().atMost(Duration.ofSeconds(15)).until(() -> "ring".equals(tileStatus("104")));
    rig.sim("POST", "/sim/clock", "{\"advance\":5}");
    await().atMost(Duration.ofSeconds(15)).until(() -> "talk".equals(tileStatus("104")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                all(".tile[data-extension='104'] .call-phone")
                    .get(0)
                    .getText()
                    .contains("0912345678"));
    // Fixed-size tiles: a call arriving moves nothing.
    assertThat(all(".tile[data-extension='104']").get(0).getSize()).isEqualTo(size);
    assertThat(all("#live-calls tr").stream().map(WebElement::getText))
        .anySatisfy(row -> assertThat(row).contains("0912345678"));

    rig.sim("POST", "/sim/clock", "{\"advance\":40}");
    await().atMost(Duration.ofSeconds(15)).until(() -> "on".equals(tileStatus("104")));
  }

  @Test
  void clickToCallFromAPhoneNumberReachesTheEmulator() {
    String callId = "c2c-" + UUID.randomUUID();
    ring(callId, "105", "0988777666");
    rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
    logIn("agent105");
    WebElement phone = awaitElement("#recent button.phone[data-phone='0988777666']");
    int before = rig.pbx.engine().activeCalls();

    phone.click();

    await().atMost(Duration.ofSeconds(15)).until(() -> rig.pbx.engine().activeCalls() > before);
    await().atMost(Duration.ofSeconds(10)).until(() -> all("#dial-message.ok").size() == 1);
    assertThat(all("#dial-message").get(0).getText()).contains("0988777666").contains("105");
    rig.sim("POST", "/sim/clock", "{\"advance\":120}");
  }

  private Map<String, String> bundle(String language) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/console/i18n/" + language + ".json")) {
      return ConsoleRig.JSON.readValue(
          in,
          ConsoleRig.JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }
  }

  /** Every visible element naming a key shows that key's text in the language. */
  private List<String> textsNotIn(Map<String, String> bundle) {
    List<String> wrong = new ArrayList<>();
    for (WebElement element : all("[data-i18n]")) {
      if (!element.isDisplayed()) {
        continue;
      }
      String key = element.getAttribute("data-i18n");
      String shown = element.getText().strip();
      if (!shown.equals(bundle.get(key).strip())) {
        wrong.add(key + " shows '" + shown + "'");
      }
    }
    return wrong;
  }

  @Test
  void languageToggleSwitchesEveryVisibleTextAndVietnameseRenders() throws IOException {
    Map<String, String> vi = bundle("vi");
    Map<String, String> en = bundle("en");
    logIn("admin");
    for (String page : List.of("/console/wallboard.html", "/console/calls.html")) {
      open(page);
      assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang"))
          .isEqualTo("vi");
      assertThat(textsNotIn(vi))
          .as(page + " in Vietnamese; console: " + browser.consoleLog())
          .isEmpty();
      String vietnamese = browser.driver.findElement(By.tagName("body")).getText();
      assertThat(vietnamese).contains("Nhật ký cuộc gọi");

      browser.driver.findElement(By.id("language")).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "en".equals(browser.driver.findElement(By.tagName("html")).getAttribute("lang")));
      assertThat(textsNotIn(en)).as(page + " in English").isEmpty();
      assertThat(browser.driver.findElement(By.tagName("body")).getText())
          .contains("Call log")
          .doesNotContain("Nhật ký cuộc gọi");

      // The choice is remembered: a reload stays in English.
      open(page);
      assertThat(textsNotIn(en)).as(page + " after a reload").isEmpty();
      browser.driver.findElement(By.id("language")).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "vi".equals(browser.driver.findElement(By.tagName("html")).getAttribute("lang")));
    }
    // The choice is the user's: another browser (nothing stored) gets it at login.
    logIn("agent104");
    browser.driver.findElement(By.id("language")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> textsNotIn(en).isEmpty());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rig.hub.users().find("agent104").orElseThrow().language().equals("en"));
    logIn("agent104");
    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(textsNotIn(en)).as("agent page after a new login").isEmpty();

    // The marks are drawn: the page's font draws "ệ" unlike a plain "e" and unlike a character
    // no font has (which shows as the missing-glyph box).
    String draw =
        "const c = document.createElement('canvas'); c.width = 40; c.height = 40;"
            + " const g = c.getContext('2d');"
            + " g.font = '28px ' + getComputedStyle(document.body).fontFamily;"
            + " g.fillText(arguments[0], 4, 30); return c.toDataURL();";
    Object marked = browser.driver.executeScript(draw, "ệ");
    Object plain = browser.driver.executeScript(draw, "e");
    Object missing = browser.driver.executeScript(draw, new String(Character.toChars(0x10FFFD)));
    assertThat(marked).isNotEqualTo(plain).isNotEqualTo(missing);
  }

  @Test
  void afterTheStreamDropsThePageCatchesUpWithWhatItMissed() throws IOException {
    int hubPort = java.net.URI.create(rig.hub.baseUrl()).getPort();
    try (CuttableProxy proxy = new CuttableProxy(hubPort)) {
      String base = "http://127.0.0.1:" + proxy.port();
      agentStatus("106", "on");
      agentStatus("107", "on");
      // A session of the proxy's origin (another host name than the hub's own).
      browser.driver.get(base + "/console/index.html");
      awaitElement("#login-submit");
      browser.driver.findElement(By.id("username")).sendKeys("supervisor");
      browser.driver.findElement(By.id("password")).sendKeys(ConsoleRig.PASSWORD);
      browser.driver.findElement(By.id("login-submit")).click();
      awaitReady();
      awaitLive(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> "on".equals(tileStatus("106")));

      proxy.cut();
      awaitLive(false);
      agentStatus("106", "pause");
      String callId = "drop-" + UUID.randomUUID();
      ring(callId, "107", "0911222333");
      proxy.restore();

      awaitLive(true);
      await().atMost(Duration.ofSeconds(30)).until(() -> "pause".equals(tileStatus("106")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !all("#live-calls tr[data-callid='" + callId + "']").isEmpty());
      assertThat(tileStatus("107")).isEqualTo("ring");
      rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
    }
  }

  /** Runs fetch in the page; returns "status body". */
  private String fetchInPage(String method, String path, String body, boolean withCsrf) {
    return (String)
        browser.driver.executeAsyncScript(
            "const [method, path, body, withCsrf, done] = arguments;"
                + " (async () => {"
                + "  const headers = {'Content-Type': 'application/json'};"
                + "  if (withCsrf) headers['X-CSRF-Token'] ="
                + "    (await (await fetch('/v1/me')).json()).csrf_token;"
                + "  const r = await fetch(path, {method, headers, body: body ?? undefined});"
                + "  done(r.status + ' ' + await r.text());"
                + " })().catch(e => done('failed ' + e));",
            method,
            path,
            body,
            withCsrf);
  }

  @Test
  void eachRoleLogsInToItsOwnPageAndLogsOut() {
    Map<String, String> pages =
        Map.of(
            "agent101", "/console/agent.html",
            "supervisor", "/console/wallboard.html",
            "admin", "/console/wallboard.html");
    Map<String, String> names =
        Map.of(
            "agent101",
            "Điện thoại viên 101",
            "supervisor",
            "Lê Thị Giám Sát",
            "admin",
            "Quản trị");
    for (var role : pages.entrySet()) {
      logIn(role.getKey());
      assertThat(browser.driver.getCurrentUrl()).as(role.getKey()).endsWith(role.getValue());
      assertThat(browser.driver.findElement(By.id("user-name")).getText())
          .isEqualTo(names.get(role.getKey()));
      assertThat(fetchInPage("GET", "/v1/me", null, false)).contains("\"role\":");

      browser.driver.findElement(By.id("logout")).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> browser.driver.getCurrentUrl().contains("/console/index.html"));
      assertThat(fetchInPage("GET", "/v1/me", null, false)).startsWith("401 ");
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
    for (String username : List.of("agent101", "nobody-here")) {
      browser.forget(rig.url(""));
      browser.driver.get(rig.url("/console/index.html"));
      awaitElement("#login-submit");
      browser.driver.findElement(By.id("username")).sendKeys(username);
      browser.driver.findElement(By.id("password")).sendKeys("not-the-password");
      browser.driver.findElement(By.id("login-submit")).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !browser.driver.findElement(By.id("login-message")).getText().isEmpty());
      assertThat(browser.driver.findElement(By.id("login-message")).getText())
          .as(username)
          .isEqualTo("Sai tên đăng nhập hoặc mật khẩu.");
      assertThat(browser.driver.getCurrentUrl()).contains("/console/index.html");
      assertThat(fetchInPage("GET", "/v1/me", null, false)).startsWith("401 ");
    }
  }

  @Test
  void anAgentIsRefusedTheSupervisorsPage() {
    logIn("agent102");
    browser.driver.get(rig.url("/console/wallboard.html"));
    WebElement refusal = awaitElement("#forbidden:not(.hidden)");
    assertThat(refusal.getText()).isEqualTo("Bạn không có quyền xem trang này.");
    assertThat(browser.driver.findElement(By.tagName("main")).isDisplayed()).isFalse();
    assertThat(all(".tile")).isEmpty();
  }

  @Test
  void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
    logIn("agent103");
    String contact = "{\"name\":\"Phạm Văn Cường\",\"phones\":[\"0933444555\"]}";

    String refused = fetchInPage("POST", "/v1/contacts", contact, false);
    assertThat(refused).startsWith("403 ").contains("\"error\":\"csrf\"");
    assertThat(rig.api("GET", "/v1/contacts?phone=0933444555", null).get("contacts")).isEmpty();

    String accepted = fetchInPage("POST", "/v1/contacts", contact, true);
    assertThat(accepted).startsWith("201 ");
    assertThat(
            rig.api("GET", "/v1/contacts?phone=0933444555", null).at("/contacts/0/name").asText())
        .isEqualTo("Phạm Văn Cường");
  }

  @Test
  void theLoginWorksWithTheKeyboardAlone() {
    agentStatus("106", "on");
    browser.forget(rig.url(""));
    browser.driver.get(rig.url("/console/index.html"));
    awaitElement("#login-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> "username".equals(browser.driver.switchTo().activeElement().getAttribute("id")));
    browser
        .driver
        .switchTo()
        .activeElement()
        .sendKeys("agent106", Keys.TAB, ConsoleRig.PASSWORD, Keys.ENTER);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver.getCurrentUrl().endsWith("/console/agent.html"));
    awaitReady();
    // Tab from the page's start reaches the pause button, and Space presses it.
    WebElement pause = browser.driver.findElement(By.id("pause"));
    for (int i = 0; i < 30 && !pause.equals(browser.driver.switchTo().activeElement()); i++) {
      browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    assertThat(browser.driver.switchTo().activeElement()).isEqualTo(pause);
    assertThat(
            browser.driver.executeScript(
                "return getComputedStyle(document.activeElement).outlineStyle"))
        .isNotEqualTo("none");
    // Space presses it: the PBX pauses the agent, and the status follows the PBX's answer.
    pause.sendKeys(Keys.SPACE);
    await().atMost(Duration.ofSeconds(15)).until(() -> emulatorStatus("106").equals("pause"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !all("#my-status-label[data-status=pause]").isEmpty());
    browser.driver.findElement(By.id("unpause")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> emulatorStatus("106").equals("on"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !all("#my-status-label[data-status=on]").isEmpty());
  }

  @Test
  void everyPageFitsALaptopAndATvWithoutSideScrolling() {
    logIn("admin");
    String callId = "fit-" + UUID.randomUUID();
    ring(callId, "107", "0938363739");
    for (String page :
        List.of(
            "/console/wallboard.html",
            "/console/wallboard.html?tv=1",
            "/console/agent.html?extension=107",
            "/console/calls.html",
            "/console/call.html?id=" + callId)) {
      for (int[] size : new int[][] {{1366, 768}, {1920, 1080}}) {
        browser
            .driver
            .manage()
            .window()
            .setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
        open(page);
        Object overflow =
            browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue())
            .as(page + " at " + size[0])
            .isLessThanOrEqualTo(0);
        if (page.contains("tv=1")) {
          Object controls =
              browser.driver.executeScript(
                  "return [...document.querySelectorAll('button, select, input, a')]"
                      + ".filter(e => e.offsetParent !== null).map(e => e.outerHTML)");
          assertThat((List<?>) controls).as("controls shown in TV mode").isEmpty();
        }
      }
    }
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
    rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
  }

  /** Plays a scripted inbound call answered by {@code extension} to its end; returns its callid. */
  private String finishedCall(String extension, String phone, String outcome, int talk) {
    JsonNode started =
        rig.sim(
            "POST",
            "/sim/calls",
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\""
                + phone
                + "\",\"outcome\":\""
                + outcome
                + "\",\"extension\":\""
                + extension
                + "\""
                + (talk > 0 ? ",\"after\":2,\"talk\":" + talk : "")
                + "}");
    assertThat(started.has("callid")).as(started.toString()).isTrue();
    String callId = started.get("callid").asText();
    rig.sim("POST", "/sim/clock", "{\"advance\":" + (talk + 120) + "}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "ended"
                    .equals(
                        rig.api("GET", "/v1/calls/" + callId, null).at("/call/state").asText()));
    return callId;
  }

  private double audio(String expression) {
    return ((Number)
            browser.driver.executeScript(
                "return document.getElementById('recording')." + expression))
        .doubleValue();
  }

  @Test
  void aRecordingLoadsPlaysAndSeeks() {
    String callId = finishedCall("103", "0938111222", "answered", 40);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rig.api("GET", "/v1/calls/" + callId, null).at("/call/recording").isTextual());
    logIn("agent103");
    open("/console/call.html?id=" + callId);
    WebElement player = awaitElement("audio#recording:not(.hidden)");
    assertThat(player.getAttribute("src")).endsWith("/v1/calls/" + callId + "/recording");
    assertThat(player.getAttribute("src")).doesNotContain("play_audio");

    browser.driver.executeScript("document.getElementById('recording').play()");
    await().atMost(Duration.ofSeconds(20)).until(() -> audio("currentTime") > 0.3);
    assertThat(audio("duration")).isGreaterThan(30);

    browser.driver.executeScript("document.getElementById('recording').currentTime = 25");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> audio("currentTime") >= 25.2 && audio("currentTime") < 35);
    System.out.println(
        "recording played to "
            + audio("currentTime")
            + " s of "
            + audio("duration")
            + " s after a seek to 25 s");

    String missed = finishedCall("103", "0938111333", "no_answer", 0);
    open("/console/call.html?id=" + missed);
    assertThat(awaitElement("#recording-missing:not(.hidden)").getText())
        .isEqualTo("Ghi âm của cuộc gọi này chưa có.");
    assertThat(all("audio#recording:not(.hidden)")).isEmpty();
  }

  @Test
  void anAgentGetsRefusedTheRoutesOfOtherAgents() {
    String theirs = finishedCall("104", "0938555666", "answered", 5);
    agentStatus("101", "on");
    agentStatus("104", "on");
    logIn("agent101");
    assertThat(fetchInPage("POST", "/v1/agents/104/pause", null, true)).startsWith("403 ");
    assertThat(fetchInPage("GET", "/v1/agents/104/history", null, false)).matches("(403|404) .*");
    assertThat(fetchInPage("GET", "/v1/calls/" + theirs, null, false))
        .matches("(403|404) .*")
        .doesNotContain("0938555666");
    assertThat(fetchInPage("GET", "/v1/calls?phone=0938555666", null, false))
        .doesNotContain(theirs);
    String board = fetchInPage("GET", "/v1/wallboard", null, false);
    assertThat(board)
        .startsWith("200 ")
        .contains("\"extension\":\"101\"")
        .doesNotContain("\"extension\":\"104\"");
  }

  @Test
  void aPbxRefusalIsSaidInWords() throws IOException {
    rig.sim(
        "POST",
        "/sim/calls",
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938777888\","
            + "\"outcome\":\"answered\",\"extension\":\"106\",\"after\":1,\"talk\":600}");
    rig.sim("POST", "/sim/clock", "{\"advance\":3}");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                rig.pbx
                    .engine()
                    .statuses(BuiltInCallCenter.DOMAIN, List.of("106"))
                    .get("106")
                    .code()
                    .equals("talk"));
    logIn("agent106");
    browser.driver.findElement(By.id("dial-phone")).sendKeys("0909000111");
    browser.driver.findElement(By.cssSelector("#dial button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> all("#dial-message.error").size() == 1);
    assertThat(all("#dial-message").get(0).getText())
        .isEqualTo(bundle("vi").get("pbx.reason.busy"));
    rig.sim("POST", "/sim/clock", "{\"advance\":700}");
  }

  @Test
  void anAgentWhoOpensThePageWhileRingingSeesThePop() {
    String callId = "open-" + UUID.randomUUID();
    ring(callId, "107", "0938363739");
    logIn("agent107");
    WebElement card = awaitElement(".pop[data-callid='" + callId + "']");
    assertThat(card.getAttribute("data-state")).isEqualTo("ringing");
    rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> all(".pop[data-callid='" + callId + "']").isEmpty());
  }

  private String emulatorStatus(String extension) {
    return rig.pbx
        .engine()
        .statuses(BuiltInCallCenter.DOMAIN, List.of(extension))
        .get(extension)
        .code();
  }

  @Test
  void theSupervisorPausesAnAgentAndListensInFromTheWallboard() {
    rig.sim(
        "POST",
        "/sim/calls",
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938222333\","
            + "\"outcome\":\"answered\",\"extension\":\"102\",\"after\":1,\"talk\":600}");
    rig.sim("POST", "/sim/clock", "{\"advance\":3}");
    agentStatus("105", "on");
    logIn("supervisor");
    await().atMost(Duration.ofSeconds(15)).until(() -> "talk".equals(tileStatus("102")));
    await().atMost(Duration.ofSeconds(15)).until(() -> "on".equals(tileStatus("105")));

    all(".tile[data-extension='105'] button.pause").get(0).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> emulatorStatus("105").equals("pause"));
    await().atMost(Duration.ofSeconds(15)).until(() -> "pause".equals(tileStatus("105")));
    all(".tile[data-extension='105'] button.unpause").get(0).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> "on".equals(tileStatus("105")));

    WebElement tile = all(".tile[data-extension='102']").get(0);
    new org.openqa.selenium.support.ui.Select(tile.findElement(By.cssSelector("select.spy-mode")))
        .selectByValue("threeway");
    assertThat(emulatorStatus("100")).isEqualTo("on");
    tile.findElement(By.cssSelector("button.spy")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> !emulatorStatus("100").equals("on"));
    await().atMost(Duration.ofSeconds(10)).until(() -> all("#action-message.ok").size() == 1);
    assertThat(all("#action-message").get(0).getText())
        .isEqualTo("Tổng đài đang gọi máy nhánh của bạn để nghe cuộc gọi.");
    rig.sim("POST", "/sim/clock", "{\"advance\":700}");
  }

  @Test
  void theCallLogFindsAPhoneInAnyFormatPagesByCursorAndExportsTheSameList() {
    String phone = "0966123456";
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 53; i++) {
      String callId = "log-" + i + "-" + UUID.randomUUID();
      made.add(callId);
      ring(callId, "101", phone);
      rig.webhook("/api/callcenter/hangup", Map.of("callid", callId));
    }
    logIn("admin");
    open("/console/calls.html");
    for (String format : List.of("+84966123456", "84966123456", "0966 123 456")) {
      WebElement field = browser.driver.findElement(By.cssSelector("#filters input[name=phone]"));
      field.clear();
      field.sendKeys(format, Keys.ENTER);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> all("#calls tr[data-callid]").size() == 50);
      assertThat(all("#calls tr[data-callid] button.phone"))
          .allSatisfy(button -> assertThat(button.getAttribute("data-phone")).isEqualTo(phone));
    }
    List<String> seen = new ArrayList<>();
    all("#calls tr[data-callid]").forEach(row -> seen.add(row.getAttribute("data-callid")));
    browser.driver.findElement(By.id("next-page")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> all("#calls tr[data-callid]").size() == 3);
    all("#calls tr[data-callid]").forEach(row -> seen.add(row.getAttribute("data-callid")));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(made);

    String csv = browser.driver.findElement(By.id("csv")).getAttribute("href");
    assertThat(csv).contains("/v1/calls.csv?").contains("phone=0966");
    String export =
        (String)
            browser.driver.executeAsyncScript(
                "const done = arguments[1]; fetch(arguments[0]).then(async r =>"
                    + " done(r.status + ' ' + r.headers.get('content-type') + '\\n' + await r.text()));",
                csv);
    assertThat(export).startsWith("200 text/csv");
    assertThat(export.lines().skip(2).count()).as("data rows").isEqualTo(53);
  }
}
