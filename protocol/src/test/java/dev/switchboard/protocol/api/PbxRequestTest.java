package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PbxRequestTest {
  private static final PbxKey KEY = new PbxKey("98589afb123863cf4d5cd4ec2c41072");

  @Test
  void incomingRequestIsReadByItsPath() {
    List<PbxRequest> requests =
        List.of(
            ClickToCall.dial("100", "0938363739", KEY, "abc.com"),
            ClickToCall.dialAsync("100", "0938363739", KEY, "abc.com"),
            new ExtensionStatusRequest(KEY, List.of("100")),
            new SpyRequest(KEY, "100", "101", SpyMode.THREEWAY),
            new QueueMembersRequest(KEY),
            new QueueStatusUpdate(KEY, "100", true),
            CdrQuery.between(KEY, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2)));

    for (PbxRequest request : requests) {
      String body = request.body().orElse(null);

      assertThat(PbxRequest.parse("/pbx" + request.path(), body)).isEqualTo(request);
      assertThat(request.url("https://pbx.example.com/"))
          .isEqualTo("https://pbx.example.com" + request.path());
    }
  }

  @Test
  void unknownPathIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> PbxRequest.parse("/api/Agent/unknown", "{}"))
        .withMessage("the path is not one of the PBX API's");
  }
}
