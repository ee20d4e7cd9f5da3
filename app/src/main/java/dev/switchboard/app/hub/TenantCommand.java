package dev.switchboard.app.hub;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.nodes.HubNodes;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code switchboard hub tenant add|list|rotate-token}. */
@Command(
    name = "tenant",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = "Manages tenants: each company connected to one PBX, with its own webhook URL.",
    subcommands = {
      TenantCommand.Add.class,
      TenantCommand.ListTenants.class,
      TenantCommand.RotateToken.class,
      TenantCommand.SetPbx.class,
      TenantCommand.SetRouting.class
    })
public final class TenantCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The base URL of the hub serving this database: the one that started last, else the configured
   * public URL, else localhost with the configured port.
   */
  static String base(HubConfig config, Database database) {
    return new HubNodes(database.jdbi(), Clock.systemUTC())
        .latestBaseUrl()
        .or(() -> config.http().publicUrl())
        .orElse("http://localhost:" + config.http().port());
  }

  /** {@code tenant add ID --name NAME [--tz ZONE] [--allow CIDRS]}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Adds a tenant and prints its webhook URL (once).")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand TenantCommand parent;
    @Mixin HubOptions options;

    @Parameters(paramLabel = "ID", description = "Short id: lower-case letters, digits, - and _.")
    String id;

    @Option(paramLabel = "NAME", names = "--name", required = true, description = "Display name.")
    String name;

    @Option(
        paramLabel = "ZONE",
        names = "--tz",
        defaultValue = "Asia/Ho_Chi_Minh",
        description = "The PBX's time zone (default: ${DEFAULT-VALUE}).")
    String zone;

    @Option(
        names = "--allow",
        paramLabel = "CIDRS",
        defaultValue = "any",
        description = "Networks webhooks may come from, comma-separated (default: any).")
    String allow;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Tenant tenant;
      try {
        tenant = new Tenant(id, name, ZoneId.of(zone), SourceNetworks.parse(allow));
      } catch (DateTimeException badZone) {
        throw new IllegalArgumentException("--tz: unknown time zone '" + zone + "'");
      }
      HubConfig config = options.load();
      try (Database database = HubDatabase.open(config)) {
        TenantStore.Created created =
            new TenantStore(database.jdbi(), Clock.systemUTC()).create(tenant);
        out.printf(
            "tenant %s added; its webhook base URL (shown once):%n  %s/hooks/%s%n",
            id, base(config, database), created.token());
      }
      return 0;
    }
  }

  /** {@code tenant list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists tenants (tokens are stored hashed and never shown again).")
  static final class ListTenants implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database database = HubDatabase.open(options.load())) {
        out.printf("%-16s %-24s %-20s %s%n", "ID", "NAME", "TIME ZONE", "ALLOWED SOURCES");
        for (Tenant tenant : new TenantStore(database.jdbi(), Clock.systemUTC()).list()) {
          out.printf(
              "%-16s %-24s %-20s %s%n",
              tenant.id(), tenant.name(), tenant.zone().getId(), tenant.allowedNetworks());
        }
      }
      return 0;
    }
  }

  /** {@code tenant rotate-token ID}. */
  @Command(
      name = "rotate-token",
      mixinStandardHelpOptions = true,
      description = "Gives a tenant a new webhook token; the old one stops working at once.")
  static final class RotateToken implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;

    @Parameters(paramLabel = "ID", description = "The tenant.")
    String id;

    @Override
    public Integer call() {
      HubConfig config = options.load();
      try (Database database = HubDatabase.open(config)) {
        TenantStore.Created created =
            new TenantStore(database.jdbi(), Clock.systemUTC()).rotateToken(id);
        spec.commandLine()
            .getOut()
            .printf(
                "tenant %s has a new webhook base URL (shown once; a running hub switches within 5 seconds):%n  %s/hooks/%s%n",
                id, base(config, database), created.token());
      }
      return 0;
    }
  }

  /**
   * {@code tenant set-pbx ID --api-url URL --domain DOMAIN} (key from --key or
   * SWITCHBOARD_PBX_KEY).
   */
  @Command(
      name = "set-pbx",
      mixinStandardHelpOptions = true,
      description =
          "Sets how the hub calls the tenant's PBX (click-to-call, pause, spy, call records). The key"
              + " is stored server-side and never shown again.")
  static final class SetPbx implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;

    @Parameters(paramLabel = "ID", description = "The tenant.")
    String id;

    @Option(
        names = "--api-url",
        required = true,
        paramLabel = "URL",
        description = "The PBX API's base URL, e.g. https://pbx.example.com.")
    String apiUrl;

    @Option(
        names = "--report-url",
        paramLabel = "URL",
        description = "The call-record report's base URL, when it is another host.")
    String reportUrl;

    @Option(
        paramLabel = "DOMAIN",
        names = "--domain",
        required = true,
        description = "The company's domain at the PBX.")
    String domain;

    @Option(
        names = "--key",
        paramLabel = "KEY",
        description =
            "The company key (better: the SWITCHBOARD_PBX_KEY environment variable, kept out of shell history).")
    String key;

    @Option(
        names = "--recording-hosts",
        paramLabel = "HOSTS",
        description =
            "Hosts besides the API's and report's that recordings may be fetched from,"
                + " comma-separated (none: 'none'; kept when not given).")
    String recordingHosts;

    @Override
    public Integer call() {
      String secret = key != null ? key : System.getenv("SWITCHBOARD_PBX_KEY");
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException(
            "give the company key with --key or SWITCHBOARD_PBX_KEY");
      }
      var settings =
          new dev.switchboard.hub.tenants.PbxSettings(
              apiUrl,
              java.util.Optional.ofNullable(reportUrl),
              new dev.switchboard.protocol.api.PbxKey(secret),
              domain);
      try (Database database = HubDatabase.open(options.load())) {
        TenantStore store = new TenantStore(database.jdbi(), Clock.systemUTC());
        store.setPbx(id, settings);
        if (recordingHosts != null) {
          store.setRecordingHosts(
              id,
              recordingHosts.strip().equalsIgnoreCase("none")
                  ? java.util.List.of()
                  : java.util.Arrays.stream(recordingHosts.split(","))
                      .map(String::strip)
                      .filter(h -> !h.isEmpty())
                      .toList());
        }
      }
      spec.commandLine()
          .getOut()
          .printf("tenant %s now calls the PBX at %s as %s%n", id, apiUrl, domain);
      return 0;
    }
  }

  /** {@code tenant set-routing ID --policy off|owner,last-agent [--window 3d]}. */
  @Command(
      name = "set-routing",
      mixinStandardHelpOptions = true,
      description = {
        "Sets how the hub answers the PBX's routing question ({CRM_URL}/api/callcenter/route?phone=):"
            + " which agent a caller should ring before the queue. A running hub follows within 5"
            + " seconds.",
        "Rules, tried in the order given: owner (the matched contact's owner_extension), last-agent"
            + " (the agent of the caller's latest answered call within --window). An agent whose"
            + " status is off is never chosen; no choice leaves the call to the queue."
      })
  static final class SetRouting implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;

    @Parameters(paramLabel = "ID", description = "The tenant.")
    String id;

    @Option(
        names = "--policy",
        required = true,
        paramLabel = "RULES",
        description = "off, or rules comma-separated: owner,last-agent (or either alone).")
    String policy;

    @Option(
        names = "--window",
        defaultValue = "3d",
        paramLabel = "DURATION",
        description = "How far back last-agent looks, e.g. 12h, 3d (default: ${DEFAULT-VALUE}).")
    String window;

    @Override
    public Integer call() {
      var routing =
          dev.switchboard.hub.tenants.RoutingPolicy.parse(
              policy, dev.switchboard.server.SettingValues.duration("--window", window));
      try (Database database = HubDatabase.open(options.load())) {
        new TenantStore(database.jdbi(), Clock.systemUTC()).setRouting(id, routing);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "tenant %s routes callers by: %s%s%n",
              id,
              routing.code(),
              routing.isOff()
                  ? " (the queue as usual)"
                  : " (window " + window.strip() + ", never an agent who is off)");
      return 0;
    }
  }
}
