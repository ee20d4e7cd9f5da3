package dev.switchboard.app.demo;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.app.hub.HubOptions;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Secrets;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.config.PbxConfigLoader;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.Edition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard demo}: one process runs the PBX emulator and the hub, wired to each other
 * (webhooks to the hub; the hub's PBX client to the emulator), with generated traffic, on SQLite
 * under {@code ./data/demo}, until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Runs the PBX emulator and the hub together, wired to each other, with call traffic: calls"
          + " ring, are answered, missed and recorded at the emulator, and the hub's API, live"
          + " stream and actions (click-to-call, pause, spy) work against it.",
      "Every setting of hub and pbx applies (flags below, SWITCHBOARD_* environment, --config).",
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      paramLabel = "PORT",
      names = "--hub-port",
      defaultValue = "${env:SWITCHBOARD_PORT:-8080}",
      description = "The hub's port (default: ${DEFAULT-VALUE}).")
  int hubPort;

  @Option(
      paramLabel = "PORT",
      names = "--pbx-port",
      defaultValue = "${env:SWITCHBOARD_PBX_PORT:-8090}",
      description = "The emulator's port (default: ${DEFAULT-VALUE}).")
  int pbxPort;

  @Option(
      paramLabel = "X",
      names = "--speed",
      defaultValue = "${env:SWITCHBOARD_SPEED:-2}",
      description = "Simulated time runs this much faster (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--traffic",
      defaultValue = "${env:SWITCHBOARD_TRAFFIC:-300}",
      paramLabel = "CALLS_PER_HOUR",
      description = "Generated calls per simulated hour (default: ${DEFAULT-VALUE}).")
  double traffic;

  @Option(
      names = "--drop-rate",
      defaultValue = "${env:SWITCHBOARD_DROP_RATE:-0}",
      paramLabel = "P",
      description =
          "Share of webhooks the emulator forgets, 0-1; reconciliation recovers them (default: ${DEFAULT-VALUE}).")
  double dropRate;

  @Option(
      names = "--dialect",
      defaultValue = "${env:SWITCHBOARD_DIALECT:-v2}",
      paramLabel = "v1|v2",
      description = "Edition of the webhooks (default: ${DEFAULT-VALUE}).")
  Edition dialect;

  @Option(
      names = "--data",
      defaultValue = "data/demo",
      paramLabel = "DIR",
      description = "Where the two SQLite databases live (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The hub's YAML configuration, as for switchboard hub.")
  Path hubConfig;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    Map<String, String> env = System.getenv();
    // The emulator forgets its calls when it stops, so a previous run's calls would stay
    // "talking" in the hub: every start begins with empty databases.
    DemoData.clear(data);
    HubConfig config = hubConfig(env);
    String apiToken = config.apiToken().orElseGet(Secrets::newToken);
    // The hub reads the emulator's clock once it runs, so that at --speed above 1 the hub's times
    // and the PBX's calldates are on one time line.
    FollowingClock clock = new FollowingClock(Clock.systemUTC());
    Hub hub = Hub.start(config.withApiToken(apiToken), clock);
    Pbx pbx;
    try {
      // A fresh webhook URL each start: the emulator needs it, and only its hash is stored.
      String token =
          hub.startup()
              .defaultTenant()
              .map(created -> created.token())
              .orElseGet(() -> hub.tenants().rotateToken(Tenant.DEFAULT_ID).token());
      String webhooks = "http://127.0.0.1:" + hub.port() + "/hooks/" + token;
      PbxConfig pbxConfig =
          PbxConfigLoader.load(
              Optional.ofNullable(env.get("SWITCHBOARD_PBX_CONFIG"))
                  .filter(v -> !v.isBlank())
                  .map(Path::of),
              env,
              Map.of(
                  "http.port", Integer.toString(pbxPort),
                  "database.url", "jdbc:sqlite:" + data.resolve("pbx.db"),
                  "crm_url", webhooks,
                  "dialect", dialect.toString(),
                  "speed", Double.toString(speed),
                  "traffic", Double.toString(traffic),
                  "dispatch.drop_rate", Double.toString(dropRate)));
      pbx = Pbx.start(pbxConfig, Clock.systemUTC());
      clock.follow(pbx.engine().clock());
      TenantSetup tenant = pbxConfig.tenants().get(0);
      hub.tenants()
          .setPbx(
              Tenant.DEFAULT_ID,
              new PbxSettings(pbx.baseUrl(), Optional.empty(), tenant.key(), tenant.domain()));
    } catch (RuntimeException failed) {
      hub.close();
      throw failed;
    }
    List<DemoUsers.Login> logins;
    try {
      logins = DemoUsers.create(hub.users());
    } catch (RuntimeException failed) {
      pbx.close();
      hub.close();
      throw failed;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pbx.close();
                  hub.close();
                  stopped.countDown();
                },
                "demo-shutdown"));
    print(
        out,
        hub,
        pbx,
        apiToken,
        config.apiToken().isPresent(),
        logins,
        data,
        (System.nanoTime() - started) / 1_000_000);
    stopped.await();
    return 0;
  }

  private HubConfig hubConfig(Map<String, String> env) {
    HubOptions options = new HubOptions();
    options.config(hubConfig);
    HubConfig config =
        options.load(
            Map.of(
                "http.port", Integer.toString(hubPort),
                "database.url",
                    env.getOrDefault("SWITCHBOARD_DB", "jdbc:sqlite:" + data.resolve("hub.db"))));
    // The demo reconciles every minute so that dropped webhooks visibly come back.
    if (env.get("SWITCHBOARD_RECONCILE_EVERY") == null) {
      config =
          config.withReconcile(
              new HubConfig.Reconcile(
                  config.reconcile().window(), Duration.ofMinutes(1), Duration.ofMinutes(1)));
    }
    return config;
  }

  private static void print(
      PrintWriter out,
      Hub hub,
      Pbx pbx,
      String apiToken,
      boolean chosenToken,
      List<DemoUsers.Login> logins,
      Path data,
      long millis) {
    String hubUrl = hub.baseUrl();
    out.printf(
        "Switchboard demo %s ready in %.1f s: the emulator sends calls to the hub.%n%n",
        SwitchboardVersion.version(), millis / 1000.0);
    out.printf("  hub           %s%n", hubUrl);
    out.printf(
        "  API token     %s%s%n",
        chosenToken ? "(from SWITCHBOARD_API_TOKEN)" : apiToken,
        chosenToken ? "" : "   (new each start; set SWITCHBOARD_API_TOKEN to fix one)");
    out.printf(
        "  emulator      %s   (state: %s/ ; recordings, PBX API, /sim control API)%n",
        pbx.baseUrl(), pbx.baseUrl());
    out.printf(
        "  traffic       %.0f calls/hour at %.0fx speed%s%n",
        pbx.config().traffic(),
        pbx.config().clock().speed(),
        pbx.config().delivery().dropRate() > 0
            ? String.format(
                ", %.0f%% of webhooks dropped (reconciled every minute)",
                pbx.config().delivery().dropRate() * 100)
            : "");
    out.printf("  data          %s   (emptied at each start)%n", data);
    out.println();
    out.printf("  console       %s/   (log in as; passwords new each start)%n", hubUrl);
    for (DemoUsers.Login login : logins) {
      out.printf(
          "    %-11s %-11s %s   (%s)%n",
          login.user().role().code(),
          login.user().username(),
          login.password(),
          login.description());
    }
    out.println();
    // The built-in call center's supervisor (100) is in no queue: traffic never keeps it busy.
    String extension =
        pbx.config().tenants().get(0).agents().stream()
            .map(agent -> agent.extension())
            .filter(BuiltInCallCenter.SUPERVISOR::equals)
            .findFirst()
            .orElse(pbx.config().tenants().get(0).agents().get(0).extension());
    // Double quotes: the shell expands $SWITCHBOARD_API_TOKEN inside them, not inside '...'.
    String auth =
        "-H \"Authorization: Bearer " + (chosenToken ? "$SWITCHBOARD_API_TOKEN" : apiToken) + "\"";
    out.printf("  curl %s %s/v1/calls            # calls, newest first%n", auth, hubUrl);
    out.printf("  curl -N %s %s/v1/stream        # live changes%n", auth, hubUrl);
    out.printf("  curl %s %s/v1/agents           # who is talking%n", auth, hubUrl);
    out.printf(
        "  curl %s -X POST -d '{\"extension\":\"%s\",\"phone\":\"0938363739\"}' %s/v1/calls   # click-to-call from %s%n",
        auth, extension, hubUrl, extension);
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
