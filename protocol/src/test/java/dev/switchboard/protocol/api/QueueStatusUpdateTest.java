package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class QueueStatusUpdateTest {
  private static final PbxKey KEY = new PbxKey("k");

  @Test
  void pausedIsWrittenAsOneAndUnpausedAsZero() {
    assertThat(new QueueStatusUpdate(KEY, "100", true).toJson())
        .isEqualTo("{\"key\":\"k\",\"exten\":\"100\",\"status\":\"1\"}");
    assertThat(new QueueStatusUpdate(KEY, "100", false).toJson())
        .isEqualTo("{\"key\":\"k\",\"exten\":\"100\",\"status\":\"0\"}");
  }

  @Test
  void statusIsReadAsTextOrNumber() {
    assertThat(QueueStatusUpdate.parse("{\"key\":\"k\",\"exten\":\"100\",\"status\":1}").paused())
        .isTrue();
    assertThat(
            QueueStatusUpdate.parse("{\"key\":\"k\",\"exten\":\"100\",\"status\":\"0\"}").paused())
        .isFalse();
  }

  @Test
  void anyOtherStatusIsRejectedOnFieldStatus() {
    for (String status : new String[] {"2", "\"yes\"", "true", "\"\"", "1.0", "[1]"}) {
      assertThatExceptionOfType(ProtocolException.class)
          .isThrownBy(
              () ->
                  QueueStatusUpdate.parse(
                      "{\"key\":\"k\",\"exten\":\"100\",\"status\":" + status + "}"))
          .withMessage("field status: is not \"0\" (unpaused) or \"1\" (paused)");
    }
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> QueueStatusUpdate.parse("{\"key\":\"k\",\"exten\":\"100\"}"))
        .withMessage("field status: is missing");
  }

  @Test
  void pathHasNoFormatSuffix() {
    assertThat(new QueueStatusUpdate(KEY, "100", true).path())
        .isEqualTo("/api/Agent/update_status");
  }

  @Test
  void missingExtensionIsNamedByItsWireName() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> QueueStatusUpdate.parse("{\"key\":\"k\",\"status\":\"1\"}"))
        .withMessage("field exten: is missing");
  }
}
