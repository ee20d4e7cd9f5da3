package dev.switchboard.client;

import static dev.switchboard.client.Failures.assertNoKeyIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.api.PbxKey;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How failures are worded, and that a cause quoting the key is cleaned before it is attached. */
class PbxCallTest {
  private static final PbxKey KEY = Emulator.KEY;
  private final PbxCall call = new PbxCall("dial", "http://pbx:8090", KEY);

  @Test
  void aCauseThatQuotesTheKeyIsAttachedWithTheKeyHidden() {
    IOException cause =
        new IOException(
            "failed GET http://pbx:8090/api/CallControl/dial/from_number/101/to_number/0938/key/"
                + KEY.value()
                + "/domain/abc.com",
            new IllegalStateException("also " + KEY.value()));

    UnableToReachPbxException failure = call.unreachable("the exchange broke off", cause);

    assertNoKeyIn(failure, KEY);
    assertThat(failure.getCause()).hasMessageContaining("/key/***/domain/abc.com");
    assertThat(failure.getCause().getCause()).hasMessageContaining("also ***");
    assertThat(failure.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
  }

  @Test
  void aCauseWithoutTheKeyIsAttachedAsItIs() {
    ConnectException cause = new ConnectException("Connection refused");

    assertThat(call.unreachable("connection refused", cause).getCause()).isSameAs(cause);
  }

  @Test
  void durationsAreWrittenForPeople() {
    assertThat(PbxCall.words(Duration.ofMillis(200))).isEqualTo("200 ms");
    assertThat(PbxCall.words(Duration.ofSeconds(15))).isEqualTo("15 s");
    assertThat(PbxCall.words(Duration.ofMillis(1500))).isEqualTo("1.5 s");
  }

  @Test
  void anInterruptedWaitSetsTheFlagAgain() {
    PbxClientException interrupted = call.interrupted(new InterruptedException());

    assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
    assertThat(interrupted)
        .isExactlyInstanceOf(PbxClientException.class)
        .isNotInstanceOf(RetryableException.class)
        .hasMessage("interrupted while waiting for the PBX at http://pbx:8090 to answer dial");
  }
}
