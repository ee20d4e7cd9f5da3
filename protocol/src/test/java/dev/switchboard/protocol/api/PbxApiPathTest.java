package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PbxApiPathTest {
  @Test
  void everyDocumentedPathIsFound() {
    for (PbxApiPath call : PbxApiPath.values()) {
      assertThat(PbxApiPath.fromRequestPath(call.path())).contains(call);
    }
  }

  @Test
  void lookupToleratesPrefixTrailingSlashQueryAndCase() {
    assertThat(PbxApiPath.fromRequestPath("/pbx/API/agent/STATUS/format/json/?x=1"))
        .contains(PbxApiPath.EXTENSION_STATUS);
    assertThat(
            PbxApiPath.fromRequestPath("https://pbx.example.com/internal/reports/cdr/format/json"))
        .contains(PbxApiPath.CDR);
    assertThat(PbxApiPath.fromRequestPath("api/Agent/update_status"))
        .contains(PbxApiPath.QUEUE_STATUS_UPDATE);
  }

  @Test
  void clickToCallIsFoundWithItsParameters() {
    assertThat(
            PbxApiPath.fromRequestPath(
                "/api/CallControl/dial/from_number/100/to_number/093/key/k/domain/abc.com"))
        .contains(PbxApiPath.DIAL);
    assertThat(
            PbxApiPath.fromRequestPath(
                "/api/CallControl/dial_async/from_number/100/to_number/093/key/k/domain/abc.com"))
        .contains(PbxApiPath.DIAL_ASYNC);
  }

  @Test
  void unknownPathsAreNotFound() {
    assertThat(PbxApiPath.fromRequestPath("/api/Agent/status")).isEmpty();
    assertThat(PbxApiPath.fromRequestPath("/xapi/Agent/spy/format/json")).isEmpty();
    assertThat(PbxApiPath.fromRequestPath("/api/callcenter/call_in")).isEmpty();
    assertThat(PbxApiPath.fromRequestPath(null)).isEmpty();
  }

  @Test
  void onlyClickToCallIsAGet() {
    assertThat(PbxApiPath.DIAL.httpMethod()).isEqualTo("GET");
    assertThat(PbxApiPath.DIAL_ASYNC.httpMethod()).isEqualTo("GET");
    assertThat(PbxApiPath.SPY.httpMethod()).isEqualTo("POST");
    assertThat(PbxApiPath.CDR.parametersInPath()).isFalse();
  }
}
