package dev.switchboard.app.pbx;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.config.PbxConfigLoader;
import dev.switchboard.pbx.config.TenantSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
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
      names = "--refused-tries",
      paramLabel = "N",
      description =
          "Tries for a webhook the CRM refuses (a 4xx other than 408, 425, 429) before it is a dead letter and the call's next webhooks go on (default 3). Env: SWITCHBOARD_REFUSED_TRIES.")
  Integer refusedTries;

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
    Map<String, String> env = System.getenv();
    Optional<Path> file =
        Optional.ofNullable(config)
            .or(
                () ->
                    Optional.ofNullable(env.get("SWITCHBOARD_PBX_CONFIG"))
                        .filter(v -> !v.isBlank())
                        .map(Path::of));
    return PbxConfigLoader.load(file, env, settings());
  }

  /** These flags as settings by name. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    put(settings, "http.port", port);
    put(settings, "database.url", database);
    put(settings, "crm_url", crmUrl);
    put(settings, "dialect", dialect);
    put(settings, "speed", speed);
    put(settings, "traffic", traffic);
    put(settings, "seed", seed);
    put(settings, "dispatch.drop_rate", dropRate);
    put(settings, "dispatch.refused_tries", refusedTries);
    if (step) {
      settings.put("step", "true");
    }
    if (postJson) {
      settings.put("post_json", "true");
    }
    if (stickyRouting) {
      settings.put("sticky_routing", "true");
    }
    return settings;
  }

  private static void put(Map<String, String> settings, String name, Object value) {
    if (value != null) {
      settings.put(name, value.toString());
    }
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
    TenantSetup first = config.tenants().get(0);
    boolean builtIn = first.key().value().equals(BuiltInCallCenter.KEY);
    // Pasteable as printed: the documents' example key is public; any other key is the shell's
    // $PBX_KEY, never printed. Extension 100 of the built-in call center is in no queue, so
    // generated traffic never keeps it busy.
    String extension = builtIn ? BuiltInCallCenter.SUPERVISOR : first.agents().get(0).extension();
    out.printf(
        "  try           curl \"%s/api/CallControl/dial/from_number/%s/to_number/0938363739/key/%s/domain/%s\"%s%n",
        pbx.baseUrl(),
        extension,
        builtIn ? BuiltInCallCenter.KEY : "$PBX_KEY",
        first.domain(),
        builtIn ? "" : "   (PBX_KEY: the tenant's key)");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private static String redact(String url) {
    return url.replaceAll("(/hooks/)[^/]+", "$1***");
  }
}
