package dev.switchboard.app.pbx;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.config.PbxConfigLoader;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.Edition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard pbx}: a VoiceCloud-compatible PBX with a call center and live traffic. */
@Command(
    name = "pbx",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Runs the PBX emulator: a VoiceCloud-compatible API (click-to-call, extension status, spy,"
          + " queue members, pause, call records), a call center (queues, agents, ringing,"
          + " abandon) with generated traffic, and reliable webhooks to your CRM in either edition.",
      "",
      "Without --config: the built-in call center (domain abc.com, the documents' example key,"
          + " agents 101-112, queues 999 and 998, number 19002028). See docs/pbx.md.",
    })
public final class PbxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML file describing tenants, agents, queues and numbers. Env: SWITCHBOARD_PBX_CONFIG.")
  Path config;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port (default 8090). Env: SWITCHBOARD_PBX_PORT.")
  Integer port;

  @Option(
      names = "--crm-url",
      paramLabel = "URL",
      description =
          "Where webhooks go (every tenant): the CRM's base URL, path prefix allowed. Env: SWITCHBOARD_CRM_URL.")
  String crmUrl;

  @Option(
      names = "--dialect",
      paramLabel = "v1|v2",
      description =
          "Edition of the documents the webhooks follow (default v2). Env: SWITCHBOARD_DIALECT.")
  String dialect;

  @Option(
      names = "--speed",
      paramLabel = "X",
      description =
          "Run the clock X times faster than real time (default 1). Env: SWITCHBOARD_SPEED.")
  Double speed;

  @Option(names = "--step", description = "Stand the clock still; advance it with POST /sim/clock.")
  boolean step;

  @Option(
      names = "--traffic",
      paramLabel = "CALLS_PER_HOUR",
      description =
          "Generated calls per hour of simulated time (default 60; 0 for none). Env: SWITCHBOARD_TRAFFIC.")
  Double traffic;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Makes call ids and traffic repeatable (default 1). Env: SWITCHBOARD_SEED.")
  Long seed;

  @Option(
      names = "--drop-rate",
      paramLabel = "P",
      description =
          "Silently forget this share of webhooks, 0-1, as real PBXs sometimes do (default 0). Env: SWITCHBOARD_DROP_RATE.")
  Double dropRate;

  @Option(
      names = "--post-json",
      description = "POST webhooks as JSON instead of the documents' GET query.")
  boolean postJson;

  @Option(
      names = "--sticky-routing",
      description =
          "Ask the CRM where to send each inbound call to a queue (GET {CRM_URL}/api/callcenter/route?phone=...),"
              + " waiting at most 500 ms (a tenant's routing.timeout in the file), as a real PBX does.")
  boolean stickyRouting;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Outbox database (default jdbc:sqlite:data/pbx.db). Env: SWITCHBOARD_PBX_DB.")
  String database;

  /** The configuration from the file, the environment and these flags (flags win). */
  public PbxConfig load() {
    var env = System.getenv();
    Optional<Path> file =
        Optional.ofNullable(config)
            .or(
                () ->
                    Optional.ofNullable(env.get("SWITCHBOARD_PBX_CONFIG"))
                        .filter(v -> !v.isBlank())
                        .map(Path::of));
    return PbxConfigLoader.load(
        file,
        new PbxConfigLoader.Overrides(
            Optional.ofNullable(port)
                .or(() -> envValue("SWITCHBOARD_PBX_PORT").map(Integer::parseInt)),
            Optional.ofNullable(database).or(() -> envValue("SWITCHBOARD_PBX_DB")),
            Optional.ofNullable(crmUrl).or(() -> envValue("SWITCHBOARD_CRM_URL")),
            Optional.ofNullable(dialect)
                .or(() -> envValue("SWITCHBOARD_DIALECT"))
                .map(Edition::parse),
            Optional.ofNullable(speed)
                .or(() -> envValue("SWITCHBOARD_SPEED").map(Double::parseDouble)),
            step ? Optional.of(true) : Optional.empty(),
            Optional.ofNullable(traffic)
                .or(() -> envValue("SWITCHBOARD_TRAFFIC").map(Double::parseDouble)),
            Optional.ofNullable(seed).or(() -> envValue("SWITCHBOARD_SEED").map(Long::parseLong)),
            Optional.ofNullable(dropRate)
                .or(() -> envValue("SWITCHBOARD_DROP_RATE").map(Double::parseDouble)),
            postJson ? Optional.of(true) : Optional.empty(),
            stickyRouting ? Optional.of(true) : Optional.empty()));
  }

  private static Optional<String> envValue(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    PbxConfig pbxConfig = load();
    Pbx pbx = Pbx.start(pbxConfig, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pbx.close();
                  stopped.countDown();
                },
                "pbx-shutdown"));
    print(out, pbx, (System.nanoTime() - started) / 1_000_000);
    stopped.await();
    return 0;
  }

  static void print(PrintWriter out, Pbx pbx, long startMillis) {
    PbxConfig config = pbx.config();
    out.printf(
        "Switchboard PBX emulator %s ready in %.1f s on %s%n",
        SwitchboardVersion.version(), startMillis / 1000.0, pbx.baseUrl());
    out.printf(
        "  clock         %s%n",
        config.clock().stepped()
            ? "stepped (POST /sim/clock {\"advance\": SECONDS})"
            : config.clock().speed() + "x real time");
    out.printf(
        "  traffic       %s%n",
        config.traffic() > 0
            ? config.traffic() + " calls/hour (seed " + config.seed() + ")"
            : "none (script calls with POST /sim/calls)");
    if (config.delivery().dropRate() > 0) {
      out.printf(
          "  drop rate     %.0f%% of webhooks silently forgotten%n",
          config.delivery().dropRate() * 100);
    }
    for (TenantSetup tenant : config.tenants()) {
      out.printf(
          "  tenant        %s, %d extensions, %d queues, numbers %s, webhooks %s (%s%s)%n",
          tenant.domain(),
          tenant.agents().size(),
          tenant.queues().size(),
          String.join(" ", tenant.dids().keySet()),
          tenant.crmUrl().map(PbxCommand::redact).orElse("nowhere: set --crm-url"),
          tenant.edition(),
          tenant.postJson() ? ", POST JSON" : ", GET");
      if (tenant.routing().enabled()) {
        out.printf(
            "  routing       asks the CRM where to send calls (%d ms at most)%n",
            tenant.routing().timeout().toMillis());
      }
      if (tenant.key().value().equals(BuiltInCallCenter.KEY)) {
        out.printf("  key           %s (the documents' example key)%n", BuiltInCallCenter.KEY);
      }
    }
    out.printf(
        "  try           curl %s/api/CallControl/dial/from_number/101/to_number/0938363739/key/<key>/domain/%s%n",
        pbx.baseUrl(), config.tenants().get(0).domain());
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private static String redact(String url) {
    return url.replaceAll("(/hooks/)[^/]+", "$1***");
  }
}
