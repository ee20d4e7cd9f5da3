package dev.switchboard.pbx.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the emulator's YAML configuration (see docs/pbx.md); without a file, the built-in call
 * center. Flags override the file: {@link Overrides}. Errors name the setting.
 */
public final class PbxConfigLoader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private PbxConfigLoader() {}

  /** Values given as flags or environment variables; each overrides the file. */
  public record Overrides(
      Optional<Integer> port,
      Optional<String> database,
      Optional<String> crmUrl,
      Optional<Edition> dialect,
      Optional<Double> speed,
      Optional<Boolean> stepped,
      Optional<Double> traffic,
      Optional<Long> seed,
      Optional<Double> dropRate,
      Optional<Boolean> postJson,
      Optional<Boolean> stickyRouting) {

    /** The overrides without {@code stickyRouting}. */
    public Overrides(
        Optional<Integer> port,
        Optional<String> database,
        Optional<String> crmUrl,
        Optional<Edition> dialect,
        Optional<Double> speed,
        Optional<Boolean> stepped,
        Optional<Double> traffic,
        Optional<Long> seed,
        Optional<Double> dropRate,
        Optional<Boolean> postJson) {
      this(
          port,
          database,
          crmUrl,
          dialect,
          speed,
          stepped,
          traffic,
          seed,
          dropRate,
          postJson,
          Optional.empty());
    }

    /** No overrides. */
    public static Overrides none() {
      return new Overrides(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * The configuration from {@code file} (or the built-in call center), with {@code overrides}
   * applied.
   */
  public static PbxConfig load(Optional<Path> file, Overrides overrides) {
    JsonNode root =
        file.map(PbxConfigLoader::read).orElseGet(() -> new ObjectMapper().createObjectNode());
    List<TenantSetup> tenants = new ArrayList<>();
    if (root.has("tenants")) {
      int index = 0;
      for (JsonNode tenant : root.get("tenants")) {
        tenants.add(tenant(tenant, "tenants[" + index++ + "]", overrides));
      }
    } else {
      tenants.add(
          BuiltInCallCenter.tenant(overrides.crmUrl(), overrides.dialect().orElse(Edition.V2)));
    }
    if (overrides.postJson().orElse(false)) {
      tenants = tenants.stream().map(TenantSetup::postingJson).toList();
    }
    if (overrides.stickyRouting().orElse(false)) {
      tenants = tenants.stream().map(t -> t.withRouting(t.routing().turnedOn())).toList();
    }
    return new PbxConfig(
        new PbxConfig.Http(
            text(root, "http.host").orElse("0.0.0.0"),
            overrides.port().orElse(integer(root, "http.port").orElse(8090)),
            text(root, "http.public_url")),
        DatabaseSettings.of(
            overrides
                .database()
                .orElse(text(root, "database.url").orElse("jdbc:sqlite:data/pbx.db"))),
        tenants,
        new PbxConfig.ClockSettings(
            overrides.speed().orElse(number(root, "speed").orElse(1.0)),
            overrides.stepped().orElse(root.path("step").asBoolean(false))),
        overrides.traffic().orElse(number(root, "traffic").orElse(60.0)),
        overrides.seed().orElse(integer(root, "seed").map(Integer::longValue).orElse(1L)),
        new PbxConfig.Delivery(
            text(root, "dispatch.give_up_after")
                .map(v -> duration("dispatch.give_up_after", v))
                .orElse(Duration.ofHours(24)),
            overrides.dropRate().orElse(number(root, "dispatch.drop_rate").orElse(0.0))));
  }

  private static TenantSetup tenant(JsonNode node, String at, Overrides overrides) {
    try {
      List<AgentSetup> agents = new ArrayList<>();
      for (JsonNode agent : node.path("agents")) {
        agents.add(
            new AgentSetup(
                required(agent, "extension", at + ".agents"),
                agent.path("name").asText(""),
                agent.path("answer_probability").asDouble(0.9),
                text(agent, "wrap_up")
                    .map(v -> duration(at + ".wrap_up", v))
                    .orElse(Duration.ZERO)));
      }
      List<QueueSetup> queues = new ArrayList<>();
      for (JsonNode queue : node.path("queues")) {
        List<QueueSetup.Member> members = new ArrayList<>();
        for (JsonNode member : queue.path("members")) {
          members.add(
              member.isValueNode()
                  ? new QueueSetup.Member(member.asText(), 0)
                  : new QueueSetup.Member(
                      required(member, "extension", at + ".queues.members"),
                      member.path("penalty").asInt(0)));
        }
        queues.add(
            new QueueSetup(
                required(queue, "number", at + ".queues"),
                queue.path("name").asText(""),
                QueueSetup.Strategy.parse(queue.path("strategy").asText("ringall")),
                text(queue, "ring_timeout")
                    .map(v -> duration(at + ".ring_timeout", v))
                    .orElse(Duration.ofSeconds(20)),
                text(queue, "max_wait")
                    .map(v -> duration(at + ".max_wait", v))
                    .orElse(Duration.ofMinutes(3)),
                members));
      }
      Map<String, String> dids = new LinkedHashMap<>();
      node.path("dids").fields().forEachRemaining(e -> dids.put(e.getKey(), e.getValue().asText()));
      return new TenantSetup(
          required(node, "domain", at),
          new PbxKey(required(node, "key", at)),
          overrides.crmUrl().or(() -> text(node, "crm_url")),
          node.path("post_json").asBoolean(false),
          ZoneId.of(node.path("time_zone").asText("Asia/Ho_Chi_Minh")),
          overrides.dialect().orElse(Edition.parse(node.path("edition").asText("v2"))),
          agents,
          queues,
          dids,
          node.path("recording").asBoolean(true),
          routing(node.path("routing")));
    } catch (RuntimeException invalid) {
      throw new IllegalArgumentException(at + ": " + invalid.getMessage(), invalid);
    }
  }

  /** {@code routing: {enabled: true, timeout: 500ms}}; absent: off. */
  private static RoutingSetup routing(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return RoutingSetup.off();
    }
    JsonNode enabled = node.path("enabled");
    if (!enabled.isMissingNode() && !enabled.isBoolean()) {
      throw new IllegalArgumentException(
          "routing.enabled: '" + enabled.asText() + "' is not true or false");
    }
    Duration timeout =
        text(node, "timeout")
            .map(v -> duration("routing.timeout", v))
            .orElse(RoutingSetup.DEFAULT_TIMEOUT);
    return new RoutingSetup(enabled.asBoolean(false), timeout);
  }

  private static String required(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new IllegalArgumentException(at + "." + field + " is required");
    }
    return value.asText();
  }

  private static Optional<String> text(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }

  private static Optional<Integer> integer(JsonNode root, String path) {
    return text(root, path)
        .map(
            v -> {
              try {
                return Integer.parseInt(v.strip());
              } catch (NumberFormatException bad) {
                throw new IllegalArgumentException(path + ": '" + v + "' is not a whole number");
              }
            });
  }

  private static Optional<Double> number(JsonNode root, String path) {
    return text(root, path)
        .map(
            v -> {
              try {
                return Double.parseDouble(v.strip());
              } catch (NumberFormatException bad) {
                throw new IllegalArgumentException(path + ": '" + v + "' is not a number");
              }
            });
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d} or ISO-8601 ({@code PT4H}). */
  static Duration duration(String setting, String text) {
    Matcher matcher = DURATION.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    }
    try {
      return Duration.parse(text.strip());
    } catch (java.time.format.DateTimeParseException bad) {
      throw new IllegalArgumentException(
          setting + ": '" + text + "' is not a duration (e.g. 30s, 5m, 4h)");
    }
  }

  private static JsonNode read(Path path) {
    try {
      JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
      return tree == null ? new ObjectMapper().createObjectNode() : tree;
    } catch (IOException unreadable) {
      throw new IllegalArgumentException(
          "config file " + path + ": " + unreadable.getMessage().split("\n")[0]);
    }
  }
}
