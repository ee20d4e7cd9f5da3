package dev.switchboard.pbx.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchSettingsTest {

  @Test
  void defaultsGiveUpAfterADayAndDropNothing() {
    DispatchSettings defaults = DispatchSettings.defaults();
    assertThat(defaults.giveUpAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.dropRate()).isZero();
    assertThat(defaults.maxInFlight()).isPositive();
    assertThat(defaults.refusedTries()).isEqualTo(3);
  }

  @Test
  void aClaimOutlastsTheLongestAttempt() {
    DispatchSettings settings =
        DispatchSettings.defaults().withTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(20));
    assertThat(settings.claimLease()).isEqualTo(Duration.ofSeconds(57));
    assertThat(DispatchSettings.defaults().claimLease()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void aFourHundredOtherThanTimeoutTooEarlyAndTooManyRequestsIsARefusal() {
    assertThat(List.of(400, 401, 403, 404, 405, 410, 413, 414, 422, 499))
        .allMatch(CrmSender::refuses);
    assertThat(List.of(200, 201, 204, 301, 302, 399, 408, 425, 429, 500, 502, 503, 504))
        .noneMatch(CrmSender::refuses);
  }

  @Test
  void badSettingsFailWithAMessageNamingTheSetting() {
    DispatchSettings defaults = DispatchSettings.defaults();
    assertThatThrownBy(() -> defaults.withDrops(1.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropRate");
    assertThatThrownBy(() -> defaults.withDrops(Double.NaN, 1)).hasMessageContaining("dropRate");
    assertThatThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(
            () ->
                defaults.withRetries(
                    Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1)))
        .hasMessageContaining("maxRetryDelay");
    assertThatThrownBy(
            () ->
                defaults.withRetries(
                    Duration.ofNanos(5), Duration.ofSeconds(1), Duration.ofHours(1)))
        .hasMessageContaining("firstRetry");
    assertThatThrownBy(() -> defaults.withMaxInFlight(0)).hasMessageContaining("maxInFlight");
    assertThatThrownBy(() -> defaults.withRefusedTries(0)).hasMessageContaining("refusedTries");
    assertThatThrownBy(() -> defaults.withRefusedTries(101)).hasMessageContaining("refusedTries");
  }

  @Test
  void aDestinationNeedsAnHttpUrlAndNeverShowsItsPath() {
    assertThatThrownBy(() -> Destination.get("ftp://crm/x")).hasMessageContaining("http");
    assertThatThrownBy(() -> Destination.get("http://crm/x?token=1")).hasMessageContaining("query");
    assertThat(Destination.get("http://crm.example:8080/hooks/SECRET"))
        .hasToString("Destination[http://crm.example:8080/..., GET]");
  }
}
