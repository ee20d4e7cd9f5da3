package dev.switchboard.protocol.api;

import static dev.switchboard.protocol.testing.Generators.anyChar;
import static dev.switchboard.protocol.testing.Generators.charsOf;
import static dev.switchboard.protocol.testing.Generators.oneOf;
import static dev.switchboard.protocol.testing.Generators.orNull;
import static dev.switchboard.protocol.testing.Generators.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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

  @Test
  void bodyParsersThrowOnlyProtocolExceptionOnArbitraryText() {
    qt().withExamples(1000)
        .forAll(anyText())
        .checkAssert(
            body ->
                BODY_PARSERS.forEach(parser -> onlyProtocolException(() -> parser.accept(body))));
  }

  @Test
  void bodyParsersThrowOnlyProtocolExceptionOnArbitraryJson() {
    qt().withExamples(1000)
        .forAll(anyJson())
        .checkAssert(
            body ->
                BODY_PARSERS.forEach(parser -> onlyProtocolException(() -> parser.accept(body))));
  }

  @Test
  void bodyParsersThrowOnlyProtocolExceptionOnDamagedValidBodies() {
    qt().withExamples(1000)
        .forAll(damagedBodies())
        .checkAssert(
            body ->
                BODY_PARSERS.forEach(parser -> onlyProtocolException(() -> parser.accept(body))));
  }

  @Test
  void pathParsersThrowOnlyProtocolException() {
    qt().withExamples(1000)
        .forAll(anyPath())
        .checkAssert(
            path -> {
              onlyProtocolException(() -> ClickToCall.parsePath(path));
              onlyProtocolException(() -> ClickToCall.parsePath("/api/CallControl/dial" + path));
              onlyProtocolException(
                  () -> PbxRequest.parse("/api/CallControl/dial_async" + path, null));
              PbxApiPath.fromRequestPath(path);
            });
  }

  @Test
  void requestDispatchThrowsOnlyProtocolException() {
    qt().withExamples(1000)
        .forAll(apiPaths(), anyJson())
        .checkAssert((path, body) -> onlyProtocolException(() -> PbxRequest.parse(path, body)));
  }

  @Test
  void dialReplyParseNeverThrows() {
    qt().withExamples(1000)
        .forAll(anyText())
        .checkAssert(
            body ->
                assertThat(DialReply.parse(body).message())
                    .isNotBlank()
                    .hasSizeLessThanOrEqualTo(200));
  }

  @Test
  void dialReplyParseNeverThrowsOnJson() {
    qt().withExamples(1000)
        .forAll(anyJson())
        .checkAssert(body -> assertThat(DialReply.parse(body).message()).isNotBlank());
  }

  /** Any text of up to 200 characters, text made of JSON's own characters, or none at all. */
  private static Gen<String> anyText() {
    return oneOf(
        strings(anyChar(), 0, 200),
        strings(charsOf("{}[]\":,0123456789.eE-+ntrufalsekyidsx\\"), 0, 60),
        Generate.constant((String) null));
  }

  private static Gen<String> anyJson() {
    return WireArbitraries.json(3);
  }

  private static Gen<String> anyPath() {
    return oneOf(WireArbitraries.paths(), strings(anyChar(), 0, 80));
  }

  private static Gen<String> apiPaths() {
    return arbitrary().enumValues(PbxApiPath.class).map(PbxApiPath::path);
  }

  /** A valid body of any kind with one member replaced by arbitrary JSON, or removed. */
  private static Gen<String> damagedBodies() {
    Gen<String> valid =
        oneOf(
            WireArbitraries.requests(WireArbitraries.keys())
                .assuming(request -> request.body().isPresent())
                .map(request -> request.body().orElseThrow()),
            WireArbitraries.extensionStatusReplies().map(ExtensionStatusReply::toJson),
            WireArbitraries.queueMembersReplies().map(QueueMembersReply::toJson),
            WireArbitraries.cdrReplies().map(CdrReply::toJson));
    return valid.zip(
        arbitrary().pick(WireArbitraries.MEMBER_NAMES),
        orNull(WireArbitraries.json(2), 20),
        ParserRobustnessTest::damage);
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
