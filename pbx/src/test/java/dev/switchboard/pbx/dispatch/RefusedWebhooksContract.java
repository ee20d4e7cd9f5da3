package dev.switchboard.pbx.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.dispatch.CrmReceiver.Received;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CRM that implements only some paths: a webhook it refuses (a 4xx other than 408, 425 and 429)
 * gets a few tries, then is a dead letter and the rest of its call goes on; every other failure
 * keeps the ordered retry.
 */
abstract class RefusedWebhooksContract extends DispatchFixture {
  static final String INIT = WebhookPath.INIT.path();

  @Test
  void aWebhookTheCrmRefusesIsTriedThreeTimesThenIsADeadLetterAndTheRestOfItsCallGoesOn() {
    WebhookDispatcher dispatcher = dispatcher(patient());
    crm.answer(INIT, 404);
    Destination destination = Destination.get(crm.baseUrl());
    for (WebhookPath path : List.of(WebhookPath.INIT, WebhookPath.HANGUP, WebhookPath.CALLDATA)) {
      dispatcher.enqueue(TENANT, CALL, destination, seed(path));
    }

    passSecondBySecond(dispatcher, 20);

    assertThat(crm.received())
        .extracting(Received::afterBase)
        .containsExactly(
            seed(WebhookPath.INIT).pathAndQuery(),
            seed(WebhookPath.INIT).pathAndQuery(),
            seed(WebhookPath.INIT).pathAndQuery(),
            seed(WebhookPath.HANGUP).pathAndQuery(),
            seed(WebhookPath.CALLDATA).pathAndQuery());
    assertThat(crm.received())
        .extracting(Received::status)
        .containsExactly(404, 404, 404, 200, 200);
    DeadLetter dead = dispatcher.deadLetters(Optional.empty()).getFirst();
    assertThat(dead.pathAndQuery()).isEqualTo(seed(WebhookPath.INIT).pathAndQuery());
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(dead.lastError()).isEqualTo("HTTP 404 (refused)");
    assertThat(Duration.between(START, dead.deadAt()))
        .as("the tries come about 1 and 2 s apart at most")
        .isLessThanOrEqualTo(Duration.ofSeconds(4));
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 2, 1));
    assertThat(counted("dead")).isEqualTo(1);
    assertThat(metrics.counter("switchboard.pbx.webhooks.refusals").count()).isEqualTo(3);

    crm.answer(INIT, 200); // the CRM learns the path: the dead letter is replayed
    assertThat(dispatcher.replay(dead.id())).isEqualTo(1);
    assertThat(dispatcher.runOnce()).isEqualTo(1);
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 3, 0));
  }

  @Test
  void theNumberOfTriesForARefusedWebhookIsASettingAndEachReplayStartsTheCountAgain() {
    WebhookDispatcher dispatcher = dispatcher(patient().withRefusedTries(1));
    crm.answer(INIT, 405);
    Destination destination = Destination.get(crm.baseUrl());
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.INIT));
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.HANGUP));

    assertThat(dispatcher.runOnce()).isEqualTo(1);
    assertThat(dispatcher.stats().dead()).as("dead at the first refusal").isEqualTo(1);
    assertThat(dispatcher.runOnce()).as("the hangup, at once").isEqualTo(1);
    assertThat(dispatcher.replayAll(Optional.empty())).isEqualTo(1);
    assertThat(dispatcher.runOnce()).isEqualTo(1);
    assertThat(dispatcher.deadLetters(Optional.empty()))
        .singleElement()
        .satisfies(dead -> assertThat(dead.attempts()).isEqualTo(1));
    assertThat(crm.received()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, 408, 425, 429})
  void aWebhookFailingWithThisStatusIsRetriedInOrderAndHoldsBackTheRestOfItsCall(int status) {
    WebhookDispatcher dispatcher = dispatcher(patient());
    crm.answer(INIT, status);
    Destination destination = Destination.get(crm.baseUrl());
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.INIT));
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.HANGUP));

    for (int pass = 0; pass < 10; pass++) {
      assertThat(dispatcher.runOnce()).as("attempt %d", pass + 1).isEqualTo(1);
      clock.advance(Duration.ofSeconds(8)); // the longest backoff of patient()
    }

    assertThat(crm.received())
        .hasSize(10)
        .allMatch(request -> request.afterBase().startsWith(INIT))
        .allMatch(request -> request.status() == status);
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(2, 0, 0));
    assertThat(metrics.counter("switchboard.pbx.webhooks.refusals").count()).isZero();
  }

  /** Passes with the clock moved a second after each, until nothing is pending or {@code most}. */
  private void passSecondBySecond(WebhookDispatcher dispatcher, int most) {
    for (int pass = 0; pass < most && dispatcher.stats().pending() > 0; pass++) {
      dispatcher.runOnce();
      clock.advance(Duration.ofSeconds(1));
    }
  }
}
