package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No input makes a parser throw anything but {@link ProtocolException}, and every such exception
 * says what is wrong.
 */
class ParserRobustnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<Consumer<String>> BODY_PARSERS =
      List.of(
          ExtensionStatusRequest::parse,
          SpyRequest::parse,
          QueueMembersRequest::parse,
          QueueStatusUpdate::parse,
          CdrQuery::parse,
          ExtensionStatusReply::parse,
          QueueMembersReply::parse,
          CdrReply::parse,
          PbxReply::parse,
          SpyMode::of);

  @Property
  void bodyParsersThrowOnlyProtocolExceptionOnArbitraryText(@ForAll("anyText") String body) {
    BODY_PARSERS.forEach(parser -> onlyProtocolException(() -> parser.accept(body)));
  }

  @Property
  void bodyParsersThrowOnlyProtocolExceptionOnArbitraryJson(@ForAll("anyJson") String body) {
    BODY_PARSERS.forEach(parser -> onlyProtocolException(() -> parser.accept(body)));
  }

  @Property
  void bodyParsersThrowOnlyProtocolExceptionOnDamagedValidBodies(
      @ForAll("damagedBodies") String body) {
    BODY_PARSERS.forEach(parser -> onlyProtocolException(() -> parser.accept(body)));
  }

  @Property
  void pathParsersThrowOnlyProtocolException(@ForAll("anyPath") String path) {
    onlyProtocolException(() -> ClickToCall.parsePath(path));
    onlyProtocolException(() -> ClickToCall.parsePath("/api/CallControl/dial" + path));
    onlyProtocolException(() -> PbxRequest.parse("/api/CallControl/dial_async" + path, null));
    PbxApiPath.fromRequestPath(path);
  }

  @Property
  void requestDispatchThrowsOnlyProtocolException(
      @ForAll("apiPaths") String path, @ForAll("anyJson") String body) {
    onlyProtocolException(() -> PbxRequest.parse(path, body));
  }

  @Property
  void dialReplyParseNeverThrows(@ForAll("anyText") String body) {
    assertThat(DialReply.parse(body).message()).isNotBlank().hasSizeLessThanOrEqualTo(200);
  }

  @Property
  void dialReplyParseNeverThrowsOnJson(@ForAll("anyJson") String body) {
    assertThat(DialReply.parse(body).message()).isNotBlank();
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ntrufalsekyidsx\\").ofMaxLength(60),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<String> anyJson() {
    return WireArbitraries.json(3);
  }

  @Provide
  Arbitrary<String> anyPath() {
    return Arbitraries.oneOf(WireArbitraries.paths(), Arbitraries.strings().all().ofMaxLength(80));
  }

  @Provide
  Arbitrary<String> apiPaths() {
    return Arbitraries.of(PbxApiPath.class).map(PbxApiPath::path);
  }

  /** A valid body of any kind with one member replaced by arbitrary JSON, or removed. */
  @Provide
  Arbitrary<String> damagedBodies() {
    Arbitrary<String> valid =
        Arbitraries.oneOf(
            WireArbitraries.requests(WireArbitraries.keys())
                .filter(request -> request.body().isPresent())
                .map(request -> request.body().orElseThrow()),
            WireArbitraries.extensionStatusReplies().map(ExtensionStatusReply::toJson),
            WireArbitraries.queueMembersReplies().map(QueueMembersReply::toJson),
            WireArbitraries.cdrReplies().map(CdrReply::toJson));
    return Combinators.combine(
            valid,
            Arbitraries.of(WireArbitraries.MEMBER_NAMES),
            WireArbitraries.json(2).injectNull(0.2))
        .as(ParserRobustnessTest::damage);
  }

  private static String damage(String body, String member, String replacement) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(body);
      ObjectNode target = deepestObjectWith(root, member);
      if (replacement == null) {
        target.remove(member);
      } else {
        target.set(member, JSON.readTree(replacement));
      }
      return root.toString();
    } catch (Exception unreadableReplacement) {
      return body;
    }
  }

  /** Where to damage: the last {@code result} element (or its last member), else the root. */
  private static ObjectNode deepestObjectWith(ObjectNode root, String member) {
    JsonNode result = root.get("result");
    if (result != null && result.isArray() && !result.isEmpty()) {
      JsonNode last = result.get(result.size() - 1);
      JsonNode members = last.get("members");
      if (members != null && members.isArray() && !members.isEmpty() && !last.has(member)) {
        return (ObjectNode) members.get(members.size() - 1);
      }
      return (ObjectNode) last;
    }
    return root;
  }

  private static void onlyProtocolException(Runnable parse) {
    try {
      parse.run();
    } catch (ProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
