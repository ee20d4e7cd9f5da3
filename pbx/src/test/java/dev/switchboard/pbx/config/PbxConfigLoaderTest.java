package dev.switchboard.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.protocol.Edition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PbxConfigLoaderTest {
  @TempDir Path folder;

  @Test
  void withoutAFileTheBuiltInCallCenterRunsWithTheFlags() {
    var overrides =
        new PbxConfigLoader.Overrides(
            Optional.of(9999),
            Optional.empty(),
            Optional.of("http://crm/crm_call"),
            Optional.of(Edition.V1),
            Optional.of(10.0),
            Optional.empty(),
            Optional.of(120.0),
            Optional.of(5L),
            Optional.of(0.3),
            Optional.empty());
    PbxConfig config = PbxConfigLoader.load(Optional.empty(), overrides);
    assertThat(config.http().port()).isEqualTo(9999);
    assertThat(config.tenants())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.domain()).isEqualTo("abc.com");
              assertThat(t.edition()).isEqualTo(Edition.V1);
              assertThat(t.crmUrl()).contains("http://crm/crm_call");
              assertThat(t.agents()).hasSize(12);
            });
    assertThat(config.clock().speed()).isEqualTo(10.0);
    assertThat(config.delivery().dropRate()).isEqualTo(0.3);
  }

  @Test
  void aFileDescribesTenantsAgentsQueuesAndNumbers() throws Exception {
    Path file = folder.resolve("pbx.yaml");
    Files.writeString(
        file,
        """
        traffic: 30
        dispatch: {give_up_after: 2h}
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
    PbxConfig config = PbxConfigLoader.load(Optional.of(file), PbxConfigLoader.Overrides.none());
    TenantSetup tenant = config.tenants().get(0);
    assertThat(tenant.edition()).isEqualTo(Edition.V1);
    assertThat(tenant.queues().get(0).strategy()).isEqualTo(QueueSetup.Strategy.LEASTRECENT);
    assertThat(tenant.queues().get(0).ringTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(tenant.agents().get(0).wrapUp()).isEqualTo(Duration.ofSeconds(10));
    assertThat(tenant.dids()).containsEntry("0287", "202");
    assertThat(config.delivery().giveUpAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(config.traffic()).isEqualTo(30);
  }

  @Test
  void mistakesAreNamed() throws Exception {
    Path file = folder.resolve("bad.yaml");
    Files.writeString(
        file,
        "tenants:\n  - domain: x.vn\n    key: k-1234567890\n    agents: [{extension: \"201\"}]\n    queues: [{number: \"9\", strategy: fastest, members: [\"201\"]}]\n");
    assertThatThrownBy(
            () -> PbxConfigLoader.load(Optional.of(file), PbxConfigLoader.Overrides.none()))
        .hasMessage(
            "tenants[0]: strategy 'fastest' is not ringall, roundrobin, leastrecent or random");
    Files.writeString(
        file,
        "tenants:\n  - domain: x.vn\n    key: k-1234567890\n    agents: [{extension: \"201\"}]\n    dids: {\"1900\": \"777\"}\n");
    assertThatThrownBy(
            () -> PbxConfigLoader.load(Optional.of(file), PbxConfigLoader.Overrides.none()))
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
    PbxConfig config = PbxConfigLoader.load(Optional.of(file), PbxConfigLoader.Overrides.none());

    assertThat(config.tenants())
        .extracting(TenantSetup::routing)
        .containsExactly(
            new RoutingSetup(true, Duration.ofMillis(300)),
            new RoutingSetup(true, Duration.ofMillis(500)),
            RoutingSetup.off());
  }

  @Test
  void theStickyRoutingFlagTurnsItOnForTheBuiltInCallCenter() {
    var overrides =
        new PbxConfigLoader.Overrides(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(true),
            Optional.of(true));

    TenantSetup tenant = PbxConfigLoader.load(Optional.empty(), overrides).tenants().get(0);

    assertThat(tenant.routing()).isEqualTo(new RoutingSetup(true, Duration.ofMillis(500)));
    assertThat(tenant.postJson()).isTrue();
    assertThat(PbxConfigLoader.load(Optional.empty(), PbxConfigLoader.Overrides.none()).tenants())
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
    assertThatThrownBy(
            () -> PbxConfigLoader.load(Optional.of(file), PbxConfigLoader.Overrides.none()))
        .hasMessage("tenants[0]: routing.enabled: 'yes please' is not true or false");
    Files.writeString(file, tenant + "    routing: {enabled: true, timeout: 30s}\n");
    assertThatThrownBy(
            () -> PbxConfigLoader.load(Optional.of(file), PbxConfigLoader.Overrides.none()))
        .hasMessage("tenants[0]: routing.timeout: must be between 1ms and 10s (got 30000ms)");
    Files.writeString(file, tenant + "    routing: {enabled: true, timeout: soon}\n");
    assertThatThrownBy(
            () -> PbxConfigLoader.load(Optional.of(file), PbxConfigLoader.Overrides.none()))
        .hasMessage("tenants[0]: routing.timeout: 'soon' is not a duration (e.g. 30s, 5m, 4h)");
  }
}
