package dev.switchboard.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.protocol.Edition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PbxConfigLoaderTest {
  @TempDir Path folder;

  @Test
  void withoutAFileTheBuiltInCallCenterRunsWithTheFlags() {
    PbxConfig config =
        PbxConfigLoader.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                "http.port", "9999",
                "crm_url", "http://crm/crm_call",
                "dialect", "v1",
                "speed", "10",
                "traffic", "120",
                "seed", "5",
                "dispatch.drop_rate", "0.3"));
    assertThat(config.http().port()).isEqualTo(9999);
    assertThat(config.tenants())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.domain()).isEqualTo("abc.com");
              assertThat(t.edition()).isEqualTo(Edition.V1);
              assertThat(t.crmUrl()).contains("http://crm/crm_call");
              assertThat(t.agents()).hasSize(13);
            });
    assertThat(config.clock().speed()).isEqualTo(10.0);
    assertThat(config.delivery().dropRate()).isEqualTo(0.3);
    assertThat(config.delivery().refusedTries()).as("the default").isEqualTo(3);
  }

  @Test
  void aFileDescribesTenantsAgentsQueuesAndNumbers() throws Exception {
    Path file = folder.resolve("pbx.yaml");
    Files.writeString(
        file,
        """
        traffic: 30
        dispatch: {give_up_after: 2h, refused_tries: 5}
        tenants:
          - domain: acme.vn
            key: a-long-secret-company-key
            crm_url: https://crm.acme.vn/crm_call
            edition: v1
            agents:
              - {extension: "201", name: Lan, answer_probability: 0.5, wrap_up: 10s}
              - {extension: "202", name: Minh}
            queues:
              - {number: "999", name: Sales, strategy: leastrecent, ring_timeout: 12s, max_wait: 2m, members: [{extension: "201"}, {extension: "202", penalty: 1}]}
            dids: {"19001234": "999", "0287": "202"}
        """);
    PbxConfig config = load(file);
    TenantSetup tenant = config.tenants().get(0);
    assertThat(tenant.edition()).isEqualTo(Edition.V1);
    assertThat(tenant.queues().get(0).strategy()).isEqualTo(QueueSetup.Strategy.LEASTRECENT);
    assertThat(tenant.queues().get(0).ringTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(tenant.agents().get(0).wrapUp()).isEqualTo(Duration.ofSeconds(10));
    assertThat(tenant.dids()).containsEntry("0287", "202");
    assertThat(config.delivery().giveUpAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(config.delivery().refusedTries()).isEqualTo(5);
    assertThat(config.traffic()).isEqualTo(30);
  }

  @Test
  void theRefusedTriesFlagWinsOverTheFileAndBadValuesAreNamed() throws Exception {
    Path file = folder.resolve("pbx.yaml");
    Files.writeString(file, "dispatch: {refused_tries: 5}\n");
    assertThat(
            PbxConfigLoader.load(Optional.of(file), Map.of(), refusedTries(1))
                .delivery()
                .refusedTries())
        .isEqualTo(1);
    assertThatThrownBy(() -> PbxConfigLoader.load(Optional.of(file), Map.of(), refusedTries(0)))
        .hasMessage("dispatch.refused_tries: must be between 1 and 100 (got 0)");
    Files.writeString(file, "dispatch: {refused_tries: often}\n");
    assertThatThrownBy(() -> load(file))
        .hasMessage("dispatch.refused_tries: 'often' is not a whole number");
  }

  private static Map<String, String> refusedTries(int tries) {
    return Map.of("dispatch.refused_tries", Integer.toString(tries));
  }

  private static PbxConfig load(Path file) {
    return PbxConfigLoader.load(Optional.of(file), Map.of(), Map.of());
  }

  @Test
  void mistakesAreNamed() throws Exception {
    Path file = folder.resolve("bad.yaml");
    Files.writeString(
        file,
        "tenants:\n  - domain: x.vn\n    key: k-1234567890\n    agents: [{extension: \"201\"}]\n    queues: [{number: \"9\", strategy: fastest, members: [\"201\"]}]\n");
    assertThatThrownBy(() -> load(file))
        .hasMessage(
            "tenants[0].queues[0]: strategy 'fastest' is not ringall, roundrobin, leastrecent or"
                + " random");
    Files.writeString(
        file,
        "tenants:\n  - domain: x.vn\n    key: k-1234567890\n    agents: [{extension: \"201\"}]\n    dids: {\"1900\": \"777\"}\n");
    assertThatThrownBy(() -> load(file))
        .hasMessageContaining(
            "number 1900 routes to 777, which is neither a queue nor an extension");
  }

  @Test
  void stickyRoutingIsSetPerTenantWithItsTimeout() throws Exception {
    Path file = folder.resolve("routing.yaml");
    Files.writeString(
        file,
        """
        tenants:
          - domain: acme.vn
            key: a-long-secret-company-key
            agents: [{extension: "201"}]
            routing: {enabled: true, timeout: 300ms}
          - domain: beta.vn
            key: another-secret-company-key
            agents: [{extension: "301"}]
            routing: {enabled: true}
          - domain: gamma.vn
            key: a-third-secret-company-key
            agents: [{extension: "401"}]
        """);
    PbxConfig config = load(file);

    assertThat(config.tenants())
        .extracting(TenantSetup::routing)
        .containsExactly(
            new RoutingSetup(true, Duration.ofMillis(300)),
            new RoutingSetup(true, Duration.ofMillis(500)),
            RoutingSetup.off());
  }

  @Test
  void theStickyRoutingFlagTurnsItOnForTheBuiltInCallCenter() {
    TenantSetup tenant =
        PbxConfigLoader.load(
                Optional.empty(), Map.of(), Map.of("post_json", "true", "sticky_routing", "true"))
            .tenants()
            .get(0);

    assertThat(tenant.routing()).isEqualTo(new RoutingSetup(true, Duration.ofMillis(500)));
    assertThat(tenant.postJson()).isTrue();
    assertThat(PbxConfigLoader.defaults().tenants())
        .singleElement()
        .extracting(TenantSetup::routing)
        .isEqualTo(RoutingSetup.off());
  }

  @Test
  void badRoutingSettingsAreNamed() throws Exception {
    Path file = folder.resolve("bad-routing.yaml");
    String tenant =
        "tenants:\n  - domain: x.vn\n    key: k-1234567890\n    agents: [{extension: \"201\"}]\n";
    Files.writeString(file, tenant + "    routing: {enabled: yes please}\n");
    assertThatThrownBy(() -> load(file))
        .hasMessage("tenants[0].routing.enabled: 'yes please' is not true or false");
    Files.writeString(file, tenant + "    routing: {enabled: true, timeout: 30s}\n");
    assertThatThrownBy(() -> load(file))
        .hasMessage("tenants[0]: routing.timeout: must be between 1ms and 10s (got 30000ms)");
    Files.writeString(file, tenant + "    routing: {enabled: true, timeout: soon}\n");
    assertThatThrownBy(() -> load(file))
        .hasMessage(
            "tenants[0].routing.timeout: 'soon' is not a duration (e.g. 500ms, 30s, 5m, 4h, PT4H)");
  }

  @Test
  void environmentVariablesAreReadAndABadOneIsNamedWithItsVariable() {
    PbxConfig config =
        PbxConfigLoader.load(
            Optional.empty(),
            Map.of("SWITCHBOARD_SPEED", "4", "SWITCHBOARD_PBX_PORT", "9100"),
            Map.of());
    assertThat(config.clock().speed()).isEqualTo(4.0);
    assertThat(config.http().port()).isEqualTo(9100);
    assertThat(
            PbxConfigLoader.load(
                    Optional.empty(), Map.of("SWITCHBOARD_SPEED", "4"), Map.of("speed", "8"))
                .clock()
                .speed())
        .as("a flag wins over the environment")
        .isEqualTo(8.0);
    assertThatThrownBy(
            () ->
                PbxConfigLoader.load(
                    Optional.empty(), Map.of("SWITCHBOARD_SPEED", "abc"), Map.of()))
        .hasMessage("speed (from SWITCHBOARD_SPEED): 'abc' is not a number");
    assertThatThrownBy(
            () ->
                PbxConfigLoader.load(
                    Optional.empty(), Map.of("SWITCHBOARD_PBX_PORT", "80a"), Map.of()))
        .hasMessage("http.port (from SWITCHBOARD_PBX_PORT): '80a' is not a whole number");
  }

  @Test
  void misspeltSettingsAndBadNestedValuesAreNamedByTheirPath() throws Exception {
    Path file = folder.resolve("typos.yaml");
    Files.writeString(file, "sped: 10\n");
    assertThatThrownBy(() -> load(file)).hasMessage("config file: unknown setting 'sped'");
    String tenant = "tenants:\n  - domain: x.vn\n    key: k-1234567890\n";
    Files.writeString(file, tenant + "    agent: [{extension: \"201\"}]\n");
    assertThatThrownBy(() -> load(file))
        .hasMessage("config file: unknown setting 'tenants[0].agent'");
    Files.writeString(
        file, tenant + "    agents: [{extension: \"201\", answer_probability: high}]\n");
    assertThatThrownBy(() -> load(file))
        .hasMessage("tenants[0].agents[0].answer_probability: 'high' is not a number");
    Files.writeString(
        file, tenant + "    time_zone: Mars/Olympus\n    agents: [{extension: \"101\"}]\n");
    assertThatThrownBy(() -> load(file))
        .hasMessageStartingWith("tenants[0].time_zone: 'Mars/Olympus' is not a time zone");
  }
}
