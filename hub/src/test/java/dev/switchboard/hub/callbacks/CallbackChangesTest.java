package dev.switchboard.hub.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallDirection;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.calls.Outcome;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The writer reads a customer's calls again only when a call's callback facts changed. */
class CallbackChangesTest {
  private static final Instant START = Instant.parse("2024-03-01T06:15:40Z");

  private static Call ended(Optional<String> answeredBy, Optional<Duration> billsec) {
    return new Call(
        "default",
        "c1",
        CallDirection.INBOUND,
        Optional.of(PhoneNumber.parse("0938363739")),
        Optional.of("19002028"),
        Optional.of("999"),
        CallState.ENDED,
        Optional.of(answeredBy.isPresent() ? Outcome.ANSWERED : Outcome.MISSED),
        answeredBy,
        List.of(),
        START,
        Optional.of(START),
        answeredBy.map(a -> START.plusSeconds(5)),
        Optional.of(START.plusSeconds(42)),
        Optional.empty(),
        Optional.empty(),
        billsec,
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void whatTheDerivationDoesNotReadIsNotAChange() {
    Call answered = ended(Optional.of("101"), Optional.empty());
    Call withRecord = ended(Optional.of("101"), Optional.of(Duration.ofSeconds(37)));
    assertThat(CallbackChanges.sameFacts(answered, withRecord)).isTrue();
  }

  @Test
  void whoAnsweredAndWhetherAnyoneDidAreChanges() {
    Call answered = ended(Optional.of("101"), Optional.empty());
    assertThat(CallbackChanges.sameFacts(answered, ended(Optional.of("102"), Optional.empty())))
        .isFalse();
    assertThat(CallbackChanges.sameFacts(answered, ended(Optional.empty(), Optional.empty())))
        .isFalse();
  }
}
