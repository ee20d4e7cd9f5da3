package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reply of {@link AccessContract}'s scenarios (each role's allowed and refused routes) and of
 * the API token's calls to every {@code /v1} operation, checked against {@code openapi.json}: the
 * status is documented for the operation and the body validates against its schema. So the spec
 * cannot drift from what the hub answers. The stream ({@code text/event-stream}) is checked by
 * status and content type only.
 */
class SqliteApiMatchesSpecTest extends AccessContract {
  private static final OpenApiReplies SPEC = new OpenApiReplies();

  @TempDir Path folder;

  @Override
  DatabaseSettings newDatabase() {
    return TestDatabases.sqlite(folder);
  }

  @Override
  OpenApiReplies spec() {
    return SPEC;
  }

  @AfterEach
  void everyReplyMatched() {
    assertThat(SPEC.problems()).isEmpty();
  }

  @Test
  void theTokensRepliesToEveryOperationMatchTheSpec() throws Exception {
    ConsoleClient token = new ConsoleClient(hub.hub.baseUrl());
    token.spec = SPEC;
    token.always = Map.of("Authorization", "Bearer " + TestHub.API_TOKEN);
    token.get("/v1/me");
    token.get("/v1/calls?limit=2");
    token.get("/v1/calls?from=2024-03-01&to=bad");
    token.get("/v1/calls.csv");
    token.get("/v1/calls/c1");
    token.get("/v1/calls/none");
    token.get("/v1/calls/c1/recording");
    token.get("/v1/agents");
    token.get("/v1/agents/101/history");
    token.get("/v1/wallboard");
    token.get("/v1/screen-pops");
    token.get("/v1/queues");
    token.get("/v1/audit");
    token.get("/v1/users");
    token.send("POST", "/v1/calls", "{\"extension\":\"101\",\"phone\":\"0938363739\"}", Map.of());
    token.send("POST", "/v1/calls", "{\"extension\":\"x\"}", Map.of());
    token.send("POST", "/v1/agents/101/pause", null, Map.of());
    token.send("POST", "/v1/agents/101/unpause", null, Map.of());
    token.send(
        "POST", "/v1/spy", "{\"src\":\"100\",\"dst\":\"101\",\"mode\":\"whisper\"}", Map.of());
    var contact =
        token.send(
            "POST", "/v1/contacts", "{\"name\":\"Khách\",\"phones\":[\"0938363731\"]}", Map.of());
    String id = contact.json().path("id").asText();
    token.get("/v1/contacts");
    token.get("/v1/contacts/" + id);
    token.send(
        "PUT",
        "/v1/contacts/" + id,
        "{\"name\":\"Khách B\",\"phones\":[\"0938363731\"]}",
        Map.of());
    token.send("DELETE", "/v1/contacts/" + id, null, Map.of());
    token.send(
        "POST",
        "/v1/users",
        "{\"username\":\"dung\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}",
        Map.of());
    token.send("PUT", "/v1/users/dung", "{\"display_name\":\"Dũng\"}", Map.of());
    token.send("POST", "/v1/users/dung/password", null, Map.of());
    token.send("POST", "/v1/users/dung/password", "{\"password\":\"short\"}", Map.of());
    token.get("/v1/tenant");
    token.send("PUT", "/v1/tenant", "{\"time_zone\":\"Asia/Ho_Chi_Minh\"}", Map.of());
    token.send("PUT", "/v1/tenant", "{\"time_zone\":\"Mars/Olympus\"}", Map.of());
    token.send("POST", "/v1/tenant/pbx/test", null, Map.of());
    token.send(
        "PUT",
        "/v1/tenant/pbx",
        "{\"api_url\":\"http://127.0.0.1:9\",\"domain\":\"abc.com\",\"key\":\"k-123456\"}",
        Map.of());
    token.send("POST", "/v1/tenant/pbx/test", null, Map.of());
    token.send("POST", "/v1/tenant/webhook-token", null, Map.of());
    var job =
        token.send(
            "POST",
            "/v1/contacts/import",
            "name,phones\nChị Lan,0938363741\n,\n",
            Map.of("Content-Type", "text/csv"));
    token.send("POST", "/v1/contacts/import", "{}", Map.of());
    token.get("/v1/contacts/imports/" + job.json().path("id").asText());
    token.get("/v1/contacts/imports/none");
    token.get("/v1/contacts.csv");
    token.get("/v1/reports");
    token.get("/v1/reports?from=2024-02-01&to=2024-03-01&queue=999");
    token.get("/v1/reports?from=2024-03-02&to=2024-03-01");
    token.get("/v1/reports/agents");
    token.get("/v1/reports/queues.csv");
    token.get("/v1/reports/nothing");
    token.get("/v1/settings/kpi");
    token.send("PUT", "/v1/settings/kpi", "{\"service_level_seconds\":30}", Map.of());
    token.send("PUT", "/v1/settings/kpi", "{\"service_level_seconds\":0}", Map.of());
    token.send("PUT", "/v1/me/language", "{\"language\":\"en\"}", Map.of());
    token.send("DELETE", "/v1/users/dung", null, Map.of());
    var callbacks = token.get("/v1/callbacks");
    String callback = callbacks.json().path("items").path(0).path("id").asText();
    token.get("/v1/callbacks?status=bogus");
    token.get("/v1/callbacks/summary");
    token.get("/v1/callbacks/" + callback);
    token.send("POST", "/v1/callbacks/" + callback + "/close", "{}", Map.of());
    token.send("POST", "/v1/callbacks/" + callback + "/close", "{\"reason\":\"spam\"}", Map.of());
    token.send("POST", "/v1/callbacks/" + callback + "/call", null, Map.of());
    as("an").change("POST", "/v1/callbacks/" + callback + "/call", null);
    token.send("DELETE", "/v1/session", null, Map.of());
    ConsoleClient nobody = new ConsoleClient(hub.hub.baseUrl());
    nobody.spec = SPEC;
    nobody.get("/v1/me");
    ConsoleClient an = as("an");
    an.change("PUT", "/v1/me/language", "{\"language\":\"en\"}");
    an.change("DELETE", "/v1/session", null);
  }

  @AfterAll
  static void everyV1OperationWasChecked() {
    List<String> unchecked =
        SPEC.v1Operations().stream()
            .filter(op -> !SPEC.seen().contains(op))
            .filter(op -> !op.equals("GET /v1/stream"))
            .toList();
    assertThat(unchecked).as("operations no reply was checked for").isEmpty();
  }
}
