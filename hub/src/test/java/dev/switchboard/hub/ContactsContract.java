package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contacts page's API over real HTTP and a real database (SQLite always, PostgreSQL when {@code
 * SWITCHBOARD_TEST_PG_URL} is set): search by name without marks and by phone in any format,
 * paging, the CSV import as a polled job with its report of rejected rows, bad files refused with
 * nothing stored, and the export that imports again unchanged.
 */
abstract class ContactsContract {
  static final String PASSWORD = "a long password";
  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  TestHub hub;

  abstract DatabaseSettings newDatabase();

  private DatabaseSettings database;

  @BeforeEach
  void start() {
    database = newDatabase();
    hub = TestHub.start(database, clock, UnaryOperator.identity());
    add("an", Role.AGENT, "101", List.of("999"));
    add("sup999", Role.SUPERVISOR, "100", List.of("999"));
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private void add(String username, Role role, String extension, List<String> queues) {
    hub.hub
        .users()
        .add(
            new User(
                username,
                Tenant.DEFAULT_ID,
                null,
                role,
                Optional.ofNullable(extension),
                Optional.ofNullable(queues),
                "vi"),
            PASSWORD);
  }

  ConsoleClient as(String username) {
    ConsoleClient browser = new ConsoleClient(hub.hub.baseUrl());
    assertThat(browser.logIn(username, PASSWORD).status()).isEqualTo(200);
    return browser;
  }

  /** A CSV upload as the console sends it: the session cookie, CSRF token and Origin. */
  static ConsoleClient.Reply upload(ConsoleClient browser, String contentType, byte[] csv) {
    try {
      HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(browserBase(browser) + "/v1/contacts/import"))
                      .header("Content-Type", contentType)
                      .header("Cookie", "sb_session=" + browser.cookie)
                      .header("X-CSRF-Token", browser.csrf)
                      .header("Origin", browserBase(browser))
                      .timeout(Duration.ofSeconds(30))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new ConsoleClient.Reply(response.statusCode(), response.headers(), response.body());
    } catch (java.io.IOException failed) {
      throw new java.io.UncheckedIOException(failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  private static String browserBase(ConsoleClient browser) {
    return browser.base();
  }

  private JsonNode create(ConsoleClient who, String json) {
    var reply = who.change("POST", "/v1/contacts", json);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private static List<String> names(ConsoleClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    reply.json().path("contacts").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  @Test
  void searchFindsNamesWithoutMarksAndPhonesInAnyFormat() {
    ConsoleClient sup = as("sup999");
    create(
        sup,
        "{\"name\":\"Nguyễn Văn Đức\",\"company\":\"Công ty Ánh Dương\",\"phones\":[\"0938363739\"]}");
    create(
        sup,
        "{\"name\":\"Trần Thị Bình\",\"phones\":[\"+84912345678\"],\"owner_extension\":\"101\"}");
    create(sup, "{\"name\":\"100% Co_op\",\"phones\":[\"0287654321\"]}");

    assertThat(names(sup.get("/v1/contacts?q=nguyen%20van%20duc")))
        .containsExactly("Nguyễn Văn Đức");
    assertThat(names(sup.get("/v1/contacts?q=ĐỨC"))).containsExactly("Nguyễn Văn Đức");
    assertThat(names(sup.get("/v1/contacts?q=anh%20duong"))).containsExactly("Nguyễn Văn Đức");
    for (String phone :
        List.of("0938363739", "%2B84938363739", "84938363739", "0938%20363%20739", "0938")) {
      assertThat(names(sup.get("/v1/contacts?q=" + phone)))
          .as(phone)
          .containsExactly("Nguyễn Văn Đức");
    }
    assertThat(names(sup.get("/v1/contacts?q=0912%20345%20678"))).containsExactly("Trần Thị Bình");
    assertThat(names(sup.get("/v1/contacts?owner=101"))).containsExactly("Trần Thị Bình");
    // % and _ are letters to the search, not wildcards.
    assertThat(names(sup.get("/v1/contacts?q=%25"))).containsExactly("100% Co_op");
    assertThat(names(sup.get("/v1/contacts?q=o_o"))).containsExactly("100% Co_op");
    assertThat(names(sup.get("/v1/contacts?q=zzz"))).isEmpty();
  }

  @Test
  void theListIsPagedWithItsTotal() {
    ConsoleClient sup = as("sup999");
    for (int i = 0; i < 25; i++) {
      create(sup, String.format("{\"name\":\"Khách %02d\",\"phones\":[\"09120000%02d\"]}", i, i));
    }
    var first = sup.get("/v1/contacts?limit=10");
    assertThat(first.json().path("total").asLong()).isEqualTo(25);
    assertThat(names(first)).hasSize(10).first().isEqualTo("Khách 00");
    var last = sup.get("/v1/contacts?limit=10&offset=20");
    assertThat(names(last))
        .containsExactly("Khách 20", "Khách 21", "Khách 22", "Khách 23", "Khách 24");
    assertThat(sup.get("/v1/contacts?limit=0").status()).isEqualTo(400);
  }

  @Test
  void anAgentMayNotSearchImportOrExport() {
    ConsoleClient an = as("an");
    assertThat(an.get("/v1/contacts?q=nguyen").status()).isEqualTo(403);
    assertThat(an.get("/v1/contacts.csv").status()).isEqualTo(403);
    assertThat(
            upload(an, "text/csv", "name,phone\nA,0912345678\n".getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(403);
    assertThat(hub.api("/v1/contacts").json().path("total").asLong()).isZero();
  }

  @Test
  void anImportReportsItsProgressAndEveryRejectedRow() {
    ConsoleClient sup = as("sup999");
    StringBuilder csv = new StringBuilder("name,phone,company\n");
    for (int i = 0; i < 1200; i++) {
      if (i == 7) {
        csv.append(",0912000007,no name\n"); // line 9
      } else if (i == 600) {
        csv.append("Bad phone,123,x\n"); // line 602
      } else {
        csv.append(String.format("Khách %04d,0913%06d,Công ty %d%n", i, i, i % 7));
      }
    }
    var started =
        upload(sup, "text/csv; charset=utf-8", csv.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().path("rows").asLong()).isEqualTo(1200);
    String location = started.header("Location").orElseThrow();
    JsonNode[] last = new JsonNode[1];
    List<Long> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              last[0] = sup.get(location).json();
              long done = last[0].path("done").asLong();
              if (seen.isEmpty() || seen.get(seen.size() - 1) != done) {
                seen.add(done);
              }
              return last[0].path("state").asText().equals("done");
            });
    JsonNode job = last[0];
    assertThat(seen).as("progress only grows").isSorted();
    assertThat(job.path("done").asLong()).isEqualTo(1200);
    assertThat(job.path("created").asLong()).isEqualTo(1198);
    assertThat(job.path("rejected")).hasSize(2);
    assertThat(job.path("rejected").get(0).path("line").asLong()).isEqualTo(9);
    assertThat(job.path("rejected").get(0).path("reason").asText()).contains("name");
    assertThat(job.path("rejected").get(1).path("line").asLong()).isEqualTo(602);
    assertThat(job.path("rejected").get(1).path("reason").asText()).contains("123");
    assertThat(hub.api("/v1/contacts?limit=1").json().path("total").asLong()).isEqualTo(1198);
    // Another tenant's admin (here: nobody) cannot read the job; an unknown id is 404.
    assertThat(sup.get("/v1/contacts/imports/nope").status()).isEqualTo(404);

    // The job is in the database: another node, or this one restarted, answers the same report.
    hub.close();
    hub = TestHub.start(database, clock, UnaryOperator.identity());
    assertThat(as("sup999").get(location).json()).isEqualTo(job);
  }

  @Test
  void aBadFileIsRefusedWholeWithNothingStored() {
    ConsoleClient sup = as("sup999");
    byte[] latin1 = "name,phone\nJos\u00e9,0912345678\n".getBytes(StandardCharsets.ISO_8859_1);
    var notUtf8 = upload(sup, "text/csv", latin1);
    assertThat(notUtf8.status()).isEqualTo(400);
    assertThat(notUtf8.json().path("error").asText()).contains("line 2").contains("UTF-8");

    var noPhone = upload(sup, "text/csv", "name,company\nA,B\n".getBytes(StandardCharsets.UTF_8));
    assertThat(noPhone.status()).isEqualTo(400);
    assertThat(noPhone.json().path("error").asText()).contains("'phones'");

    var empty = upload(sup, "text/csv", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    var headerOnly = upload(sup, "text/csv", "name,phone\n".getBytes(StandardCharsets.UTF_8));
    assertThat(headerOnly.status()).isEqualTo(400);
    assertThat(headerOnly.json().path("error").asText()).contains("no rows");

    var json = upload(sup, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(json.status()).isEqualTo(415);

    byte[] big = new byte[6 * 1024 * 1024];
    byte[] head = "name,phone\n".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, big, 0, head.length);
    java.util.Arrays.fill(big, head.length, big.length, (byte) 'a');
    var tooBig = upload(sup, "text/csv", big);
    assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
    assertThat(tooBig.json().path("error").asText()).isEqualTo("too_large");

    assertThat(hub.api("/v1/contacts").json().path("total").asLong()).isZero();
  }

  @Test
  void theExportHasAByteOrderMarkAndImportsAgainUnchanged() throws Exception {
    ConsoleClient sup = as("sup999");
    create(
        sup,
        "{\"name\":\"Nguyễn Văn Đức\",\"company\":\"=HYPERLINK(1)\",\"phones\":[\"0938363739\",\"+84912345678\"],"
            + "\"notes\":\"gọi sau 5 giờ, \\\"VIP\\\"\",\"owner_extension\":\"101\"}");
    var export =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(hub.hub.baseUrl() + "/v1/contacts.csv"))
                    .header("Cookie", "sb_session=" + sup.cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    byte[] bytes = export.body();
    assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
    assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
    assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("name,phones,company,notes,external_id,external_url,owner_extension")
        .contains(
            "Nguyễn Văn Đức,'+84912345678;0938363739,'=HYPERLINK(1),\"gọi sau 5 giờ, \"\"VIP\"\"\",,,101");

    var again = upload(sup, "text/csv", bytes);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    String location = again.header("Location").orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> sup.get(location).json().path("state").asText().equals("done"));
    JsonNode job = sup.get(location).json();
    assertThat(job.path("updated").asLong()).as(job.toString()).isEqualTo(1);
    assertThat(job.path("created").asLong()).isZero();
    JsonNode contact = hub.api("/v1/contacts").json();
    assertThat(contact.path("total").asLong()).isEqualTo(1);
    assertThat(contact.path("contacts").get(0).path("company").asText()).isEqualTo("=HYPERLINK(1)");
    assertThat(contact.path("contacts").get(0).path("phones")).hasSize(2);
  }
}
