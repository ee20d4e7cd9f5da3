package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI description the hub serves holds together and describes what the hub does. */
class OpenApiSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode spec() throws Exception {
    try (InputStream in = OpenApiSpecTest.class.getResourceAsStream("/openapi.json")) {
      return JSON.readTree(in);
    }
  }

  /**
   * Every {@code /v1} route the hub's sources register, with each of its methods, is an operation
   * of the spec (which {@code SqliteApiMatchesSpecTest} then checks replies against): a new route
   * cannot go undocumented.
   */
  @Test
  void everyV1RouteTheHubRegistersIsDescribed() throws Exception {
    JsonNode paths = spec().path("paths");
    java.util.regex.Pattern route =
        java.util.regex.Pattern.compile("\\.(get|post|put|delete|patch)\\(\\s*\"(/v1[^\"]*)\"");
    List<String> registered = new ArrayList<>();
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        var matcher = route.matcher(java.nio.file.Files.readString(file));
        while (matcher.find()) {
          registered.add(matcher.group(1) + " " + matcher.group(2));
        }
      }
    }
    assertThat(registered).as("routes found in the sources").hasSizeGreaterThan(30);
    List<String> undocumented =
        registered.stream()
            .filter(
                r -> {
                  String[] parts = r.split(" ");
                  return !paths.path(parts[1]).has(parts[0]);
                })
            .toList();
    assertThat(undocumented).as("routes missing from openapi.json").isEmpty();
  }

  @Test
  void everyReferenceResolves() throws Exception {
    JsonNode spec = spec();
    List<String> refs = new ArrayList<>();
    collectRefs(spec, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(spec.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void everyWebhookAndTheRoutingQuestionIsDescribedUnderBothBaseUrls() throws Exception {
    JsonNode paths = spec().get("paths");
    List<String> served = new ArrayList<>();
    for (WebhookPath path : WebhookPath.values()) {
      served.add(path.path());
    }
    served.add("/api/callcenter/route");
    for (String path : served) {
      for (String prefix : new String[] {"", "/hooks/{token}"}) {
        JsonNode item = paths.get(prefix + path);
        assertThat(item).as(prefix + path).isNotNull();
        assertThat(item.has("get") && item.has("post")).as(prefix + path).isTrue();
      }
    }
  }

  @Test
  void theNewFieldsAreDescribed() throws Exception {
    JsonNode schemas = spec().at("/components/schemas");
    assertThat(schemas.at("/Contact/properties/owner_extension").isMissingNode()).isFalse();
    assertThat(schemas.at("/ContactInput/properties/owner_extension").isMissingNode()).isFalse();
    assertThat(schemas.at("/ScreenPop/properties/trigger/enum"))
        .extracting(JsonNode::asText)
        .containsExactly("call_in", "ring_notification");
    assertThat(schemas.at("/CallInFields/required"))
        .extracting(JsonNode::asText)
        .containsExactly("phone");
  }

  @Test
  void theReplyCheckRefusesWhatTheSpecDoesNotDescribe() {
    OpenApiReplies replies = new OpenApiReplies();
    java.util.Optional<String> json = java.util.Optional.of("application/json");
    replies.check(
        "GET",
        "/v1/me",
        200,
        json,
        "{\"username\":\"an\",\"display_name\":\"An\",\"role\":\"agent\",\"extension\":\"101\","
            + "\"queues\":null,\"language\":\"vi\",\"tenant\":{\"id\":\"default\","
            + "\"time_zone\":\"Asia/Ho_Chi_Minh\"},\"csrf_token\":\"t\","
            + "\"now\":\"2026-12-02T06:15:00Z\"}");
    assertThat(replies.problems()).isEmpty();
    replies.check("GET", "/v1/me", 200, json, "{\"username\":\"an\",\"role\":\"boss\"}");
    replies.check("GET", "/v1/me", 418, json, "{}");
    replies.check("GET", "/v1/nothing", 200, json, "{}");
    replies.check(
        "GET", "/v1/calls/c1/recording", 404, json, "{\"error\":\"no_recording\",\"extra\":1}");
    assertThat(replies.problems()).hasSize(4);
    assertThat(replies.problems().get(0)).contains("GET /v1/me 200").contains("role");
    assertThat(replies.problems().get(1)).contains("status 418 is not documented");
    assertThat(replies.problems().get(2)).contains("no such operation");
    assertThat(replies.problems().get(3)).contains("extra");
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if (field.getKey().equals("$ref")) {
                  refs.add(field.getValue().asText());
                } else {
                  collectRefs(field.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(item -> collectRefs(item, refs));
    }
  }
}
