package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.client.FakePbx.Answer;
import dev.switchboard.protocol.api.PbxKey;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PBX that quotes the request in its error (as some do: {@code 400 {"message":"bad request
 * <body>"}}) must not make the key reach the client's error, in any form: the body it echoes holds
 * the key JSON-escaped, and the echo escapes it again.
 */
class EchoedKeyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakePbx fake = new FakePbx();

  @AfterEach
  void stop() {
    fake.close();
  }

  private static String echo(FakePbx.Request request) {
    return JSON.createObjectNode()
        .put("message", "bad request " + request.path() + " " + request.body())
        .toString();
  }

  @Test
  void aKeyWithQuotesBackslashesAndSlashesIsMaskedInEveryFormTheEchoGivesIt() {
    for (String secret :
        List.of(
            "k\"ey\\with/odd-chars-0123456789",
            "ключ-компании/\"2024\"\\x",
            "plain-key-0123456789abcdef")) {
      PbxKey key = new PbxKey(secret);
      fake.answer(request -> Answer.json(400, echo(request)));
      PbxClient pbx = PbxClient.builder(fake.baseUrl(), key, "abc.com").build();
      for (Runnable call :
          List.<Runnable>of(
              () -> pbx.setPaused("110", true),
              () -> pbx.dial("101", "0938363739"),
              () -> pbx.extensionStatus(List.of("101")))) {
        assertThatThrownBy(call::run)
            .isInstanceOf(PbxClientException.class)
            .satisfies(
                failure -> {
                  String message = failure.getMessage() + " " + failure;
                  for (String form : key.forms()) {
                    assertThat(message).as("form %s", form).doesNotContain(form);
                  }
                  assertThat(message).contains("***");
                });
      }
    }
  }
}
