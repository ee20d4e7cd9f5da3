package dev.switchboard.app.conformance;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.Script;
import dev.switchboard.pbx.engine.SimClock;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.protocol.webhook.WebhookFormatter;
import dev.switchboard.protocol.webhook.WebhookRequest;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard conformance --crm-url URL}: one row per webhook, exit 0 only when all pass.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Sends a CRM the webhooks of a fixed set of scripted calls (answered, unanswered, abandoned,"
          + " busy, outbound, agent status), exactly as a VoiceCloud PBX of the chosen edition"
          + " sends them, and grades each reply: HTTP 200 with the documents' body"
          + " {\"status code\":200,\"message\":\"OK\"}.",
      "Exit status 0 only when every webhook passes.",
    })
public final class ConformanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--crm-url",
      required = true,
      paramLabel = "URL",
      description = "The CRM's webhook base URL (may carry a path prefix).")
  String crmUrl;

  @Option(
      names = "--dialect",
      defaultValue = "v2",
      paramLabel = "v1|v2",
      description = "Edition of the documents to follow (default: ${DEFAULT-VALUE}).")
  Edition dialect;

  @Option(
      names = "--post-json",
      description = "POST the fields as a JSON body instead of the documents' GET query.")
  boolean postJson;

  @Option(
      names = "--timeout",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Time to wait for each reply (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** One webhook to send and the scripted call it belongs to. */
  public record Planned(String scenario, WebhookRequest request) {}

  /** What the CRM answered. */
  record Graded(Planned planned, int status, String verdict, boolean passed, long millis) {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "--timeout must be at least 1 second (got " + timeoutSeconds + ")");
    }
    Edition edition = dialect;
    List<Planned> plan = plan(edition);
    out.printf(
        "Conformance of %s against VoiceCloud %s webhooks (%s): %d webhooks%n%n",
        redact(crmUrl), edition, postJson ? "POST JSON" : "GET", plan.size());
    out.printf(
        "%3s  %-22s %-28s %6s  %-26s %8s%n", "#", "scenario", "path", "HTTP", "reply", "latency");
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
    int passed = 0;
    int number = 0;
    for (Planned planned : plan) {
      Graded graded = send(client, planned);
      number++;
      if (graded.passed()) {
        passed++;
      }
      out.printf(
          "%3d  %-22s %-28s %6s  %-26s %6d ms  %s%n",
          number,
          planned.scenario(),
          planned.request().path().path(),
          graded.status() == 0 ? "-" : Integer.toString(graded.status()),
          graded.verdict(),
          graded.millis(),
          graded.passed() ? "PASS" : "FAIL");
      out.flush();
    }
    out.printf("%n%d of %d webhooks passed%n", passed, plan.size());
    return passed == plan.size() ? 0 : 1;
  }

  /** The scripted calls, run on a stepped clock, and the webhooks they produce in order. */
  public static List<Planned> plan(Edition edition) {
    TenantSetup tenant = BuiltInCallCenter.tenant(Optional.empty(), edition);
    WebhookFormatter formatter = new WebhookFormatter(edition, tenant.zone());
    SimClock clock = SimClock.stepped(Instant.parse("2024-03-01T06:15:40Z"));
    List<Planned> plan = new ArrayList<>();
    String[] scenario = {""};
    Engine engine =
        new Engine(
            List.of(tenant),
            clock,
            (t, key, event) -> plan.add(new Planned(scenario[0], formatter.format(event))),
            7,
            Optional.of("https://pbx.example"),
            call -> {});
    String domain = tenant.domain();
    scenario[0] = "answered inbound";
    engine.inbound(
        domain,
        "19002028",
        "0938363739",
        Optional.of(
            new Script.Answer(Optional.of("101"), Duration.ofSeconds(5), Duration.ofSeconds(37))),
        Duration.ZERO,
        Duration.ZERO);
    run(engine, clock, 60);
    scenario[0] = "agent no answer";
    engine.inbound(
        domain,
        "19002028",
        "0912345678",
        Optional.of(new Script.NoAnswer(Optional.of("102"))),
        Duration.ZERO,
        Duration.ZERO);
    run(engine, clock, 30);
    scenario[0] = "missed (abandoned)";
    engine.inbound(
        domain,
        "19002028",
        "0987654321",
        Optional.of(new Script.Abandon(Duration.ofSeconds(25))),
        Duration.ZERO,
        Duration.ZERO);
    run(engine, clock, 30);
    scenario[0] = "busy";
    engine.inbound(
        domain,
        "19002029",
        "0911222333",
        Optional.of(new Script.Busy()),
        Duration.ZERO,
        Duration.ZERO);
    run(engine, clock, 1);
    scenario[0] = "outbound answered";
    engine.outbound(
        domain,
        "105",
        "0909090909",
        Optional.of(
            new Script.Answer(Optional.empty(), Duration.ofSeconds(6), Duration.ofSeconds(20))),
        Duration.ZERO);
    run(engine, clock, 40);
    scenario[0] = "agent pause, unpause";
    engine.pause(domain, "106", true);
    engine.pause(domain, "106", false);
    return plan;
  }

  private static void run(Engine engine, SimClock clock, int seconds) {
    for (int i = 0; i < seconds; i++) {
      clock.advance(Duration.ofSeconds(1));
      engine.runDue();
    }
  }

  private Graded send(HttpClient client, Planned planned) throws InterruptedException {
    HttpRequest.Builder request =
        postJson
            ? HttpRequest.newBuilder(URI.create(baseUrl() + planned.request().path().path()))
                .POST(HttpRequest.BodyPublishers.ofString(planned.request().jsonBody()))
            : HttpRequest.newBuilder(URI.create(planned.request().url(crmUrl)));
    // With the headers a real PBX sends, so a CRM that checks them is graded as the PBX meets it.
    (postJson ? WebhookRequest.JSON_HEADERS : WebhookRequest.GET_HEADERS).forEach(request::header);
    long started = System.nanoTime();
    try {
      HttpResponse<String> reply =
          client.send(
              request.timeout(Duration.ofSeconds(timeoutSeconds)).build(),
              HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - started) / 1_000_000;
      String verdict;
      boolean ok;
      try {
        CrmReply parsed = CrmReply.parse(reply.body());
        ok = reply.statusCode() == 200 && parsed.isOk();
        verdict =
            parsed.equals(CrmReply.OK)
                ? "seed reply"
                : "status code " + parsed.statusCode() + ", \"" + shorten(parsed.message()) + "\"";
      } catch (ProtocolException notTheSeedShape) {
        ok = false;
        verdict = "not the seed shape: " + shorten(reply.body());
      }
      return new Graded(planned, reply.statusCode(), verdict, ok, millis);
    } catch (java.io.IOException unreachable) {
      return new Graded(
          planned,
          0,
          "no reply: "
              + shorten(
                  unreachable.getMessage() == null
                      ? unreachable.getClass().getSimpleName()
                      : unreachable.getMessage()),
          false,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private String baseUrl() {
    return crmUrl.endsWith("/") ? crmUrl.substring(0, crmUrl.length() - 1) : crmUrl;
  }

  private static String shorten(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 24 ? line.substring(0, 21) + "..." : line;
  }

  /** The CRM URL without a token-like last path segment, for the banner. */
  private static String redact(String url) {
    return url.replaceAll("(/hooks/)[^/]+", "$1***");
  }
}
