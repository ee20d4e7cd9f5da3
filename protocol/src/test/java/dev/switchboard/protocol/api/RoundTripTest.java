package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Writing a value to its wire form and reading it back gives an equal value. */
class RoundTripTest {
  @Property
  void clickToCallPathParsesBackToTheSameRequest(@ForAll("clickToCalls") ClickToCall request) {
    assertThat(ClickToCall.parsePath(request.path())).isEqualTo(request);
    assertThat(ClickToCall.parsePath(request.url("https://pbx.example.com/voice/")))
        .isEqualTo(request);
  }

  @Property
  void clickToCallPathHasExactlyTheDocumentedSegments(@ForAll("clickToCalls") ClickToCall request) {
    String[] segments = request.path().split("/", -1);

    assertThat(segments).hasSize(12);
    assertThat(segments[6]).isEqualTo("to_number");
    assertThat(segments[10]).isEqualTo("domain");
  }

  @Property
  void extensionStatusRequestJsonParsesBack(
      @ForAll("extensionStatusRequests") ExtensionStatusRequest request) {
    assertThat(ExtensionStatusRequest.parse(request.toJson())).isEqualTo(request);
  }

  @Property
  void spyRequestJsonParsesBack(@ForAll("spyRequests") SpyRequest request) {
    assertThat(SpyRequest.parse(request.toJson())).isEqualTo(request);
  }

  @Property
  void queueMembersRequestJsonParsesBack(@ForAll("keys") PbxKey key) {
    QueueMembersRequest request = new QueueMembersRequest(key);

    assertThat(QueueMembersRequest.parse(request.toJson())).isEqualTo(request);
  }

  @Property
  void queueStatusUpdateJsonParsesBack(@ForAll("queueStatusUpdates") QueueStatusUpdate request) {
    assertThat(QueueStatusUpdate.parse(request.toJson())).isEqualTo(request);
  }

  @Property
  void cdrQueryJsonParsesBack(@ForAll("cdrQueries") CdrQuery query) {
    assertThat(CdrQuery.parse(query.toJson())).isEqualTo(query);
  }

  @Property
  void anyRequestIsReadBackFromItsPathAndBody(@ForAll("requests") PbxRequest request) {
    assertThat(PbxRequest.parse(request.path(), request.body().orElse(null))).isEqualTo(request);
  }

  @Property
  void extensionStatusReplyJsonParsesBack(
      @ForAll("extensionStatusReplies") ExtensionStatusReply reply) {
    assertThat(ExtensionStatusReply.parse(reply.toJson())).isEqualTo(reply);
  }

  @Property
  void queueMembersReplyJsonParsesBack(@ForAll("queueMembersReplies") QueueMembersReply reply) {
    assertThat(QueueMembersReply.parse(reply.toJson())).isEqualTo(reply);
  }

  @Property
  void cdrReplyJsonParsesBack(@ForAll("cdrReplies") CdrReply reply) {
    assertThat(CdrReply.parse(reply.toJson())).isEqualTo(reply);
  }

  @Property
  void dialReplyBodyParsesBack(@ForAll("dialReplies") DialReply reply) {
    assertThat(DialReply.parse(reply.toBody())).isEqualTo(reply);
  }

  @Property
  void pbxErrorReplyParsesBackWithItsMessage(@ForAll("messages") String message) {
    PbxReply reply = PbxReply.parse(PbxReply.error(message));

    assertThat(reply.errorMessage()).contains(message);
    assertThat(PbxReply.parse(reply.toJson())).isEqualTo(reply);
  }

  @Provide
  Arbitrary<ClickToCall> clickToCalls() {
    return WireArbitraries.clickToCalls(WireArbitraries.keys());
  }

  @Provide
  Arbitrary<ExtensionStatusRequest> extensionStatusRequests() {
    return WireArbitraries.extensionStatusRequests(WireArbitraries.keys());
  }

  @Provide
  Arbitrary<SpyRequest> spyRequests() {
    return WireArbitraries.spyRequests(WireArbitraries.keys());
  }

  @Provide
  Arbitrary<PbxKey> keys() {
    return WireArbitraries.keys();
  }

  @Provide
  Arbitrary<QueueStatusUpdate> queueStatusUpdates() {
    return WireArbitraries.queueStatusUpdates(WireArbitraries.keys());
  }

  @Provide
  Arbitrary<CdrQuery> cdrQueries() {
    return WireArbitraries.cdrQueries(WireArbitraries.keys());
  }

  @Provide
  Arbitrary<PbxRequest> requests() {
    return WireArbitraries.requests(WireArbitraries.keys());
  }

  @Provide
  Arbitrary<ExtensionStatusReply> extensionStatusReplies() {
    return WireArbitraries.extensionStatusReplies();
  }

  @Provide
  Arbitrary<QueueMembersReply> queueMembersReplies() {
    return WireArbitraries.queueMembersReplies();
  }

  @Provide
  Arbitrary<CdrReply> cdrReplies() {
    return WireArbitraries.cdrReplies();
  }

  @Provide
  Arbitrary<DialReply> dialReplies() {
    return net.jqwik.api.Arbitraries.oneOf(
        net.jqwik.api.Arbitraries.just(DialReply.placed()),
        WireArbitraries.callIds().map(DialReply::accepted),
        WireArbitraries.printable(0, 300).map(DialReply::failure));
  }

  @Provide
  Arbitrary<String> messages() {
    return WireArbitraries.printable(0, 300);
  }
}
