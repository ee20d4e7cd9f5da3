package dev.switchboard.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Main;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.store.DatabaseSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code switchboard hub} maintenance commands against a real SQLite file. */
class HubCommandsTest {
  @TempDir Path folder;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var line = Main.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int exit = line.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private String db() {
    return "jdbc:sqlite:" + folder.resolve("hub.db");
  }

  @Test
  void tenantAddPrintsAWorkingWebhookUrlOnceAndListShowsNoToken() throws Exception {
    Run added = run("hub", "tenant", "add", "acme", "--name", "ACME Co", "--db", db());
    assertThat(added.exit()).as(added.err()).isZero();
    String token = added.out().replaceAll("(?s).*/hooks/([A-Za-z0-9_-]{43}).*", "$1");
    assertThat(token).hasSize(43);
    Run listed = run("hub", "tenant", "list", "--db", db());
    assertThat(listed.out()).contains("acme").contains("ACME Co").doesNotContain(token);

    try (Hub hub =
        Hub.start(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(DatabaseSettings.of(db()))
                .withApiToken("a-token-for-tests-123"),
            Clock.systemUTC())) {
      var reply =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              hub.baseUrl()
                                  + "/hooks/"
                                  + token
                                  + "/api/callcenter/hangup?callid=x1"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(reply.body()).isEqualTo("{\"status code\":200,\"message\":\"OK\"}");
      assertThat(hub.startup().defaultTenant()).isPresent();
    }
    Run rotated = run("hub", "tenant", "rotate-token", "acme", "--db", db());
    assertThat(rotated.out()).contains("/hooks/").doesNotContain(token);
  }

  @Test
  void tenantCommandsPrintTheUrlOfTheHubServingTheDatabaseWhateverItsPort() throws Exception {
    try (Hub hub =
        Hub.start(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(DatabaseSettings.of(db()))
                .withApiToken("a-token-for-tests-123"),
            Clock.systemUTC())) {
      assertThat(hub.port()).isNotEqualTo(8080);
      Run added = run("hub", "tenant", "add", "acme", "--name", "ACME", "--db", db());
      assertThat(added.out()).contains(hub.baseUrl() + "/hooks/");
      String url = added.out().replaceAll("(?s).*?(http://\\S+/hooks/\\S+).*", "$1");
      var reply =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/api/callcenter/hangup?callid=p1"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).as("the printed URL works as printed").isEqualTo(200);
      Run rotated = run("hub", "tenant", "rotate-token", "acme", "--db", db());
      assertThat(rotated.out()).contains(hub.baseUrl() + "/hooks/");
    }
  }

  @Test
  void maintenanceCommandsOfferNoListeningOptions() {
    for (String command : new String[] {"tenant add", "sync", "rebuild", "import-contacts"}) {
      List<String> args = new ArrayList<>(List.of("hub"));
      args.addAll(List.of(command.split(" ")));
      args.add("--help");
      Run help = run(args.toArray(String[]::new));
      assertThat(help.out()).as(command).doesNotContain("--port").doesNotContain("--host");
    }
    assertThat(run("hub", "--help").out()).contains("--port").contains("--host");
  }

  @Test
  void importContactsReportsRejectedRowsAndExitsNonZero() throws Exception {
    run("hub", "tenant", "add", "default", "--name", "Default", "--db", db());
    Path csv = folder.resolve("contacts.csv");
    Files.writeString(csv, "name,phones\nA,0938363739\nB,\n");
    Run imported = run("hub", "import-contacts", csv.toString(), "--db", db());
    assertThat(imported.exit()).isEqualTo(1);
    assertThat(imported.out())
        .contains("2 row(s): 1 contact(s) created, 0 updated, 1 rejected.")
        .contains("line 3: at least one phone is required");
  }

  @Test
  void importContactsReadsExcelsCsvUtf8AndKeepsIdsWhenRunAgain() throws Exception {
    run("hub", "tenant", "add", "default", "--name", "Default", "--db", db());
    Path csv = folder.resolve("excel.csv");
    Files.write(
        csv,
        "\uFEFFName,Phones,External ID\r\nA,0938363739,crm-1\r\nB,0912345678,\r\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Run first = run("hub", "import-contacts", csv.toString(), "--db", db());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("2 row(s): 2 contact(s) created, 0 updated, 0 rejected.");
    Run again = run("hub", "import-contacts", csv.toString(), "--db", db());
    assertThat(again.out()).contains("2 row(s): 0 contact(s) created, 2 updated, 0 rejected.");
    try (var database = dev.switchboard.store.Database.open(DatabaseSettings.of(db()), "hub")) {
      java.util.List<Long> ids =
          database
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select id from contacts order by id")
                          .mapTo(Long.class)
                          .list());
      assertThat(ids).containsExactly(1L, 2L);
    }
  }

  @Test
  void importContactsRefusesAFileThatIsNotUtf8NamingTheLineAndImportsNothing() throws Exception {
    run("hub", "tenant", "add", "default", "--name", "Default", "--db", db());
    Path csv = folder.resolve("latin1.csv");
    Files.write(
        csv,
        "name,phone\nA,0938363739\nJos\u00e9,0912345678\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Run refused = run("hub", "import-contacts", csv.toString(), "--db", db());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err().strip())
        .isEqualTo(
            "switchboard hub import-contacts: line 3 is not UTF-8 text (byte 0xE9): save the file"
                + " as UTF-8 (in Excel: \"CSV UTF-8\") and import it again");
    try (var database = dev.switchboard.store.Database.open(DatabaseSettings.of(db()), "hub")) {
      long contacts =
          database
              .jdbi()
              .withHandle(
                  h -> h.createQuery("select count(*) from contacts").mapTo(Long.class).one());
      assertThat(contacts).isZero();
    }
  }

  @Test
  void setRoutingStoresThePolicyAndRefusesAnUnknownRule() {
    run("hub", "tenant", "add", "acme", "--name", "ACME", "--db", db());
    Run set =
        run(
            "hub",
            "tenant",
            "set-routing",
            "acme",
            "--policy",
            "owner,last-agent",
            "--window",
            "12h",
            "--db",
            db());
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).contains("tenant acme routes callers by: owner,last-agent (window 12h");
    try (var database = dev.switchboard.store.Database.open(DatabaseSettings.of(db()), "hub")) {
      var policy =
          new dev.switchboard.hub.tenants.TenantStore(database.jdbi(), Clock.systemUTC())
              .routing("acme");
      assertThat(policy.code()).isEqualTo("owner,last-agent");
      assertThat(policy.window()).isEqualTo(java.time.Duration.ofHours(12));
    }
    Run bad = run("hub", "tenant", "set-routing", "acme", "--policy", "owner,sticky", "--db", db());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown rule 'sticky'");
    Run off = run("hub", "tenant", "set-routing", "acme", "--policy", "off", "--db", db());
    assertThat(off.out()).contains("tenant acme routes callers by: off (the queue as usual)");
  }

  @Test
  void rebuildReportsNoDifferenceOnAConsistentDatabase() throws Exception {
    try (Hub hub =
        Hub.start(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(DatabaseSettings.of(db()))
                .withApiToken("a-token-for-tests-123"),
            Clock.systemUTC())) {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(
                      URI.create(
                          hub.baseUrl()
                              + "/api/callcenter/call_in?callid=r1&phone=0938363739&extension=101"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    Run rebuilt = run("hub", "rebuild", "--db", db());
    assertThat(rebuilt.exit()).isZero();
    assertThat(rebuilt.out()).contains("1 call(s) rebuilt from the log; 0 differed");
  }

  @Test
  void unreachableDatabaseIsOneClearLine() {
    Run failed =
        run("hub", "tenant", "list", "--db", "jdbc:postgresql://127.0.0.1:1/none?password=secret");
    assertThat(failed.exit()).isEqualTo(2);
    assertThat(failed.err().strip())
        .startsWith("switchboard hub tenant list: cannot open database")
        .doesNotContain("secret")
        .doesNotContain("\tat ");
  }

  @Test
  void badConfigSettingIsNamed() throws Exception {
    Path config = folder.resolve("hub.yaml");
    Files.writeString(config, "http:\n  prot: 8080\n");
    Run failed = run("hub", "tenant", "list", "--config", config.toString());
    assertThat(failed.err()).contains("unknown setting 'http.prot'");
  }

  private Run runWithStdin(String stdin, String... args) {
    java.io.InputStream before = System.in;
    System.setIn(
        new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(before);
    }
  }

  private int logIn(Hub hub, String username, String password) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/v1/session"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void userCommandsAddListChangeAndRemoveUsersWhoLogInWithTheirPassword() throws Exception {
    Run added =
        runWithStdin(
            "a long password\n",
            "hub",
            "user",
            "add",
            "an",
            "--role",
            "agent",
            "--extension",
            "101",
            "--queues",
            "998,999",
            "--name",
            "Nguyễn Văn An",
            "--password-stdin",
            "--db",
            db());
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("user an added: agent, extension 101, queues 998,999");
    Run generated = run("hub", "user", "add", "boss", "--role", "supervisor", "--db", db());
    assertThat(generated.exit()).as(generated.err()).isZero();
    String password =
        generated.out().replaceAll("(?s).*password \\(generated; shown once\\): (\\S+).*", "$1");
    assertThat(password).hasSize(16);

    Run listed = run("hub", "user", "list", "--db", db());
    assertThat(listed.out())
        .contains("an")
        .contains("agent")
        .contains("998,999")
        .contains("Nguyễn Văn An")
        .contains("boss")
        .contains("all")
        .doesNotContain(password)
        .doesNotContain("argon2");

    Run role =
        run("hub", "user", "role", "an", "--role", "supervisor", "--queues", "all", "--db", db());
    assertThat(role.out()).contains("user an is now supervisor, extension 101, all queues");

    try (Hub hub =
        Hub.start(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(DatabaseSettings.of(db()))
                .withApiToken("a-token-for-tests-123"),
            Clock.systemUTC())) {
      assertThat(logIn(hub, "an", "a long password")).isEqualTo(200);
      assertThat(logIn(hub, "boss", password)).isEqualTo(200);
      Run passwd =
          runWithStdin(
              "another password\n",
              "hub",
              "user",
              "passwd",
              "an",
              "--password-stdin",
              "--db",
              db());
      assertThat(passwd.exit()).as(passwd.err()).isZero();
      assertThat(logIn(hub, "an", "a long password")).isEqualTo(401);
      assertThat(logIn(hub, "an", "another password")).isEqualTo(200);
      Run removed = run("hub", "user", "remove", "boss", "--db", db());
      assertThat(removed.out()).contains("user boss removed");
      assertThat(logIn(hub, "boss", password)).isEqualTo(401);
    }
  }

  @Test
  void userCommandsRefuseBadInputNamingIt() {
    Run noExtension = run("hub", "user", "add", "an", "--role", "agent", "--db", db());
    assertThat(noExtension.exit()).isEqualTo(2);
    assertThat(noExtension.err()).contains("extension").contains("agent");
    Run badRole = run("hub", "user", "add", "an", "--role", "boss", "--db", db());
    assertThat(badRole.err()).contains("role: 'boss' is not one of agent, supervisor, admin");
    Run shortPassword =
        runWithStdin(
            "short\n",
            "hub",
            "user",
            "add",
            "an",
            "--role",
            "admin",
            "--password-stdin",
            "--db",
            db());
    assertThat(shortPassword.err()).contains("password: must be at least 8 characters");
    run("hub", "user", "add", "an", "--role", "admin", "--db", db());
    Run again = run("hub", "user", "add", "an", "--role", "admin", "--db", db());
    assertThat(again.err()).contains("user 'an' already exists");
    assertThat(run("hub", "user", "remove", "nobody", "--db", db()).err())
        .contains("no user 'nobody'");
    assertThat(run("hub", "user", "list", "--db", db()).out()).doesNotContain("short");
  }
}
