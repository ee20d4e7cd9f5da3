package dev.switchboard.protocol.api;

import static dev.switchboard.protocol.testing.Generators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Writing a value to its wire form and reading it back gives an equal value. */
class RoundTripTest {
  private static final int EXAMPLES = 1000;

  @Test
  void clickToCallPathParsesBackToTheSameRequest() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.clickToCalls(WireArbitraries.keys()))
        .checkAssert(
            request -> {
              assertThat(ClickToCall.parsePath(request.path())).isEqualTo(request);
              assertThat(ClickToCall.parsePath(request.url("https://pbx.example.com/voice/")))
                  .isEqualTo(request);
            });
  }

  @Test
  void clickToCallPathHasExactlyTheDocumentedSegments() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.clickToCalls(WireArbitraries.keys()))
        .checkAssert(
            request -> {
              String[] segments = request.path().split("/", -1);

              assertThat(segments).hasSize(12);
              assertThat(segments[6]).isEqualTo("to_number");
              assertThat(segments[10]).isEqualTo("domain");
            });
  }

  @Test
  void extensionStatusRequestJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.extensionStatusRequests(WireArbitraries.keys()))
        .checkAssert(
            request ->
                assertThat(ExtensionStatusRequest.parse(request.toJson())).isEqualTo(request));
  }

  @Test
  void spyRequestJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.spyRequests(WireArbitraries.keys()))
        .checkAssert(request -> assertThat(SpyRequest.parse(request.toJson())).isEqualTo(request));
  }

  @Test
  void queueMembersRequestJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.keys())
        .checkAssert(
            key -> {
              QueueMembersRequest request = new QueueMembersRequest(key);

              assertThat(QueueMembersRequest.parse(request.toJson())).isEqualTo(request);
            });
  }

  @Test
  void queueStatusUpdateJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.queueStatusUpdates(WireArbitraries.keys()))
        .checkAssert(
            request -> assertThat(QueueStatusUpdate.parse(request.toJson())).isEqualTo(request));
  }

  @Test
  void cdrQueryJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.cdrQueries(WireArbitraries.keys()))
        .checkAssert(query -> assertThat(CdrQuery.parse(query.toJson())).isEqualTo(query));
  }

  @Test
  void anyRequestIsReadBackFromItsPathAndBody() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.requests(WireArbitraries.keys()))
        .checkAssert(
            request ->
                assertThat(PbxRequest.parse(request.path(), request.body().orElse(null)))
                    .isEqualTo(request));
  }

  @Test
  void extensionStatusReplyJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.extensionStatusReplies())
        .checkAssert(
            reply -> assertThat(ExtensionStatusReply.parse(reply.toJson())).isEqualTo(reply));
  }

  @Test
  void queueMembersReplyJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.queueMembersReplies())
        .checkAssert(reply -> assertThat(QueueMembersReply.parse(reply.toJson())).isEqualTo(reply));
  }

  @Test
  void cdrReplyJsonParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.cdrReplies())
        .checkAssert(reply -> assertThat(CdrReply.parse(reply.toJson())).isEqualTo(reply));
  }

  @Test
  void dialReplyBodyParsesBack() {
    qt().withExamples(EXAMPLES)
        .forAll(dialReplies())
        .checkAssert(reply -> assertThat(DialReply.parse(reply.toBody())).isEqualTo(reply));
  }

  @Test
  void pbxErrorReplyParsesBackWithItsMessage() {
    qt().withExamples(EXAMPLES)
        .forAll(WireArbitraries.printable(0, 300))
        .checkAssert(
            message -> {
              PbxReply reply = PbxReply.parse(PbxReply.error(message));

              assertThat(reply.errorMessage()).contains(message);
              assertThat(PbxReply.parse(reply.toJson())).isEqualTo(reply);
            });
  }

  private static Gen<DialReply> dialReplies() {
    return oneOf(
        Generate.constant(DialReply.placed()),
        WireArbitraries.callIds().map(DialReply::accepted),
        WireArbitraries.printable(0, 300).map(DialReply::failure));
  }
}
