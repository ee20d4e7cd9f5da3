package dev.switchboard.pbx.config;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.server.Settings;
import dev.switchboard.server.SettingsException;
import dev.switchboard.server.SettingsSection;
import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the emulator's {@link PbxConfig} as the hub binds its own, through the servers' one {@link
 * Settings} binder: flags (explicit settings by name) over {@code SWITCHBOARD_*} variables over the
 * YAML file (see docs/pbx.md) over the defaults; without tenants in the file, the built-in call
 * center. {@code crm_url}, {@code dialect}, {@code post_json} and {@code sticky_routing} apply to
 * every tenant. Every error names the setting, nested ones by path ({@code
 * tenants[0].agents[1].wrap_up}).
 */
public final class PbxConfigLoader {
  /** Environment variables read, by setting. */
  public static final Map<String, String> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("http.host", "SWITCHBOARD_PBX_HOST"),
          Map.entry("http.port", "SWITCHBOARD_PBX_PORT"),
          Map.entry("http.public_url", "SWITCHBOARD_PBX_PUBLIC_URL"),
          Map.entry("database.url", "SWITCHBOARD_PBX_DB"),
          Map.entry("crm_url", "SWITCHBOARD_CRM_URL"),
          Map.entry("dialect", "SWITCHBOARD_DIALECT"),
          Map.entry("speed", "SWITCHBOARD_SPEED"),
          Map.entry("traffic", "SWITCHBOARD_TRAFFIC"),
          Map.entry("seed", "SWITCHBOARD_SEED"),
          Map.entry("dispatch.give_up_after", "SWITCHBOARD_GIVE_UP_AFTER"),
          Map.entry("dispatch.drop_rate", "SWITCHBOARD_DROP_RATE"),
          Map.entry("dispatch.refused_tries", "SWITCHBOARD_REFUSED_TRIES"));

  /** Settings only the file or a flag gives. */
  private static final Set<String> FILE_OR_FLAG = Set.of("step", "post_json", "sticky_routing");

  private static final Set<String> TENANT_FIELDS =
      Set.of(
          "domain",
          "key",
          "crm_url",
          "post_json",
          "time_zone",
          "edition",
          "recording",
          "agents",
          "queues",
          "dids",
          "routing");
  private static final Set<String> AGENT_FIELDS =
      Set.of("extension", "name", "answer_probability", "wrap_up");
  private static final Set<String> QUEUE_FIELDS =
      Set.of("number", "name", "strategy", "ring_timeout", "max_wait", "members");
  private static final Set<String> MEMBER_FIELDS = Set.of("extension", "penalty");
  private static final Set<String> ROUTING_FIELDS = Set.of("enabled", "timeout");

  private PbxConfigLoader() {}

  /** Without a file, flags or variables: the built-in call center on port 8090. */
  public static PbxConfig defaults() {
    return load(Optional.empty(), Map.of(), Map.of());
  }

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, if any
   * @param environment the process environment
   * @param explicit settings given as flags, by setting name ({@code http.port}, {@code speed})
   */
  public static PbxConfig load(
      Optional<Path> file, Map<String, String> environment, Map<String, String> explicit) {
    Settings settings =
        Settings.load(file, ENVIRONMENT, environment, explicit, Set.of("tenants"), FILE_OR_FLAG);
    Optional<String> crmUrl = settings.text("crm_url").filter(url -> !url.isBlank());
    Optional<Edition> dialect = settings.text("dialect").map(code -> edition("dialect", code));
    List<TenantSetup> tenants = new ArrayList<>();
    if (settings.fileHas("tenants")) {
      for (SettingsSection tenant : settings.list("tenants")) {
        tenants.add(tenant(tenant, crmUrl, dialect));
      }
      if (tenants.isEmpty()) {
        throw new SettingsException("tenants: the list is empty (leave it out for the built-in)");
      }
    } else {
      tenants.add(BuiltInCallCenter.tenant(crmUrl, dialect.orElse(Edition.V2)));
    }
    if (settings.flag("post_json").orElse(false)) {
      tenants = tenants.stream().map(TenantSetup::postingJson).toList();
    }
    if (settings.flag("sticky_routing").orElse(false)) {
      tenants = tenants.stream().map(t -> t.withRouting(t.routing().turnedOn())).toList();
    }
    try {
      return new PbxConfig(
          new PbxConfig.Http(
              settings.text("http.host").orElse("0.0.0.0"),
              settings.wholeNumber("http.port").orElse(8090),
              settings.text("http.public_url").filter(url -> !url.isBlank())),
          database(settings.text("database.url").orElse("jdbc:sqlite:data/pbx.db")),
          tenants,
          new PbxConfig.ClockSettings(
              settings.number("speed").orElse(1.0), settings.flag("step").orElse(false)),
          settings.number("traffic").orElse(60.0),
          settings.longNumber("seed").orElse(1L),
          new PbxConfig.Delivery(
              settings.duration("dispatch.give_up_after").orElse(Duration.ofHours(24)),
              settings.number("dispatch.drop_rate").orElse(0.0),
              settings
                  .wholeNumber("dispatch.refused_tries")
                  .orElse(PbxConfig.Delivery.DEFAULT_REFUSED_TRIES)));
    } catch (IllegalArgumentException invalid) {
      throw new SettingsException(invalid.getMessage(), invalid);
    }
  }

  private static DatabaseSettings database(String url) {
    try {
      return DatabaseSettings.of(url);
    } catch (IllegalArgumentException bad) {
      throw new SettingsException("database.url: " + bad.getMessage());
    }
  }

  private static Edition edition(String setting, String code) {
    try {
      return Edition.parse(code);
    } catch (ProtocolException unknown) {
      throw new SettingsException(setting + ": " + unknown.getMessage());
    }
  }

  private static TenantSetup tenant(
      SettingsSection node, Optional<String> crmUrl, Optional<Edition> dialect) {
    node.onlyFields(TENANT_FIELDS);
    List<AgentSetup> agents = new ArrayList<>();
    for (SettingsSection agent : node.list("agents")) {
      agent.onlyFields(AGENT_FIELDS);
      agents.add(
          validated(
              agent,
              () ->
                  new AgentSetup(
                      agent.required("extension"),
                      agent.text("name").orElse(""),
                      agent.number("answer_probability").orElse(0.9),
                      agent.duration("wrap_up").orElse(Duration.ZERO))));
    }
    List<QueueSetup> queues = new ArrayList<>();
    for (SettingsSection queue : node.list("queues")) {
      queue.onlyFields(QUEUE_FIELDS);
      List<QueueSetup.Member> members = new ArrayList<>();
      for (SettingsSection member : queue.list("members")) {
        members.add(
            member.isValue()
                ? new QueueSetup.Member(member.asText(), 0)
                : new QueueSetup.Member(
                    member.onlyFields(MEMBER_FIELDS).required("extension"),
                    member.wholeNumber("penalty").orElse(0)));
      }
      queues.add(
          validated(
              queue,
              () ->
                  new QueueSetup(
                      queue.required("number"),
                      queue.text("name").orElse(""),
                      QueueSetup.Strategy.parse(queue.text("strategy").orElse("ringall")),
                      queue.duration("ring_timeout").orElse(Duration.ofSeconds(20)),
                      queue.duration("max_wait").orElse(Duration.ofMinutes(3)),
                      members)));
    }
    SettingsSection routing = node.section("routing").onlyFields(ROUTING_FIELDS);
    return validated(
        node,
        () ->
            new TenantSetup(
                node.required("domain"),
                key(node),
                crmUrl.or(() -> node.text("crm_url").filter(url -> !url.isBlank())),
                node.flag("post_json").orElse(false),
                zone(node),
                dialect.orElseGet(
                    () -> edition(node.path() + ".edition", node.text("edition").orElse("v2"))),
                agents,
                queues,
                node.section("dids").entries(),
                node.flag("recording").orElse(true),
                routing.isPresent()
                    ? new RoutingSetup(
                        routing.flag("enabled").orElse(false),
                        routing.duration("timeout").orElse(RoutingSetup.DEFAULT_TIMEOUT))
                    : RoutingSetup.off()));
  }

  private static PbxKey key(SettingsSection tenant) {
    String key = tenant.required("key");
    try {
      return new PbxKey(key);
    } catch (ProtocolException bad) {
      // Never the key itself: the message names the field only.
      throw new SettingsException(tenant.path() + ".key: " + bad.getMessage());
    }
  }

  private static ZoneId zone(SettingsSection tenant) {
    String zone = tenant.text("time_zone").orElse("Asia/Ho_Chi_Minh");
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException unknown) {
      throw new SettingsException(
          tenant.path() + ".time_zone: '" + zone + "' is not a time zone (e.g. Asia/Ho_Chi_Minh)");
    }
  }

  /** Builds a part, turning its own validation errors into ones that say where it is. */
  private static <T> T validated(SettingsSection at, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (SettingsException named) {
      throw named;
    } catch (IllegalArgumentException | ProtocolException invalid) {
      throw new SettingsException(at.path() + ": " + invalid.getMessage(), invalid);
    }
  }
}
