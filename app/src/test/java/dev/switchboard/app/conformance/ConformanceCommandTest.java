package dev.switchboard.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Main;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.store.DatabaseSettings;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance kit grades a real CRM endpoint: our hub passes, a broken endpoint fails. */
class ConformanceCommandTest {
  @TempDir Path folder;

  private record Run(int exit, String out) {}

  private static Run conformance(String... args) {
    StringWriter out = new StringWriter();
    var line = Main.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(out));
    String[] all = new String[args.length + 1];
    all[0] = "conformance";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(line.execute(all), out.toString());
  }

  @Test
  void theHubPassesEveryWebhookInBothEditions() {
    HubConfig config =
        HubConfig.defaults()
            .withPort(0)
            .withDatabase(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")))
            .withApiToken("conformance-token-123");
    try (Hub hub = Hub.start(config, Clock.systemUTC())) {
      String url = hub.baseUrl() + "/hooks/" + hub.startup().defaultTenant().orElseThrow().token();
      for (String dialect : new String[] {"v1", "v2"}) {
        Run run = conformance("--crm-url", url, "--dialect", dialect);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out())
            .contains("seed reply")
            .doesNotContain("FAIL")
            .contains("webhooks passed");
        assertThat(run.out()).doesNotContain(hub.startup().defaultTenant().get().token());
      }
      Run json = conformance("--crm-url", url, "--post-json");
      assertThat(json.exit()).as(json.out()).isZero();
    }
  }

  @Test
  void anEndpointThatAnswersWronglyFails() {
    Javalin broken =
        Javalin.create(c -> c.routes.get("/crm/<path>", ctx -> ctx.status(200).result("OK")))
            .start("127.0.0.1", 0);
    try {
      Run run = conformance("--crm-url", "http://127.0.0.1:" + broken.port() + "/crm");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains("not the seed shape").contains("FAIL").contains("0 of");
    } finally {
      broken.stop();
    }
  }

  @Test
  void webhooksCarryTheHeadersOfTheRealPbx() {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Javalin crm =
        Javalin.create(
                c ->
                    c.routes.get(
                        "/crm/<path>",
                        ctx -> {
                          seen.add(
                              ctx.header("Accept")
                                  + " | "
                                  + ctx.header("User-Agent")
                                  + " | "
                                  + ctx.header("Content-Type"));
                          ctx.result("{\"status code\":200,\"message\":\"OK\"}");
                        }))
            .start("127.0.0.1", 0);
    try {
      Run run = conformance("--crm-url", "http://127.0.0.1:" + crm.port() + "/crm");
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(seen)
          .isNotEmpty()
          .allMatch(
              headers -> headers.equals("*/* | curl/7.81.0 | application/x-www-form-urlencoded"));
    } finally {
      crm.stop();
    }
  }

  @Test
  void anUnreachableEndpointFailsWithoutHanging() {
    Run run = conformance("--crm-url", "http://127.0.0.1:1/crm", "--timeout", "2");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("no reply");
  }
}
