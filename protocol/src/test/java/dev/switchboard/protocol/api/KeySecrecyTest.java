package dev.switchboard.protocol.api;

import static dev.switchboard.protocol.testing.Generators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The company key never shows in a request's toString nor in an error message. */
class KeySecrecyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keyNeverAppearsInTheToStringOfAnyRequest() {
    qt().withExamples(1000)
        .forAll(requests())
        .checkAssert(
            request -> {
              assertThat(request.toString())
                  .doesNotContain(request.key().value())
                  .contains("PbxKey[***]");
              assertThat(request.key().toString()).isEqualTo("PbxKey[***]");
            });
  }

  @Test
  void keyNeverAppearsInAnErrorAboutABrokenClickToCallPath() {
    qt().withExamples(1000)
        .forAll(clickToCalls(), breakages())
        .checkAssert(
            (request, breakage) -> {
              String path = request.path();
              String broken = broken(breakage, path, request.key().value());
              try {
                ClickToCall.parsePath(broken);
              } catch (ProtocolException problem) {
                assertThat(problem.getMessage()).doesNotContain(request.key().value());
              }
            });
  }

  @Test
  void keyNeverAppearsInAnErrorAboutABrokenBody() {
    qt().withExamples(1000)
        .forAll(requests(), memberNames(), brokenValues())
        .checkAssert(KeySecrecyTest::parseWithABrokenMember);
  }

  private static void parseWithABrokenMember(
      PbxRequest request, String member, String brokenValue) {
    if (request.body().isEmpty()) {
      return;
    }
    String key = request.key().value();
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(request.body().orElseThrow());
      if (member.equalsIgnoreCase("key")) {
        // A key that is itself bad must be reported without being quoted.
        root.put("key", brokenValue.isEmpty() ? key + "\u0001" : key.repeat(12));
      } else {
        root.set(member, JSON.readTree(brokenValue.isEmpty() ? "null" : brokenValue));
      }
      PbxRequest.parse(request.path(), root.toString());
    } catch (ProtocolException problem) {
      assertThat(problem.getMessage()).doesNotContain(key);
    } catch (java.io.IOException cannotHappen) {
      throw new AssertionError(cannotHappen);
    }
  }

  private static Gen<PbxRequest> requests() {
    return WireArbitraries.requests(WireArbitraries.distinctiveKeys());
  }

  private static Gen<ClickToCall> clickToCalls() {
    return WireArbitraries.clickToCalls(WireArbitraries.distinctiveKeys());
  }

  private static Gen<String> breakages() {
    return arbitrary()
        .pick(
            "drop-to-number-value",
            "bad-escape-in-key",
            "key-as-method",
            "key-twice",
            "cut-at-key");
  }

  private static Gen<String> brokenValues() {
    return oneOf(Generate.constant(""), WireArbitraries.json(1));
  }

  private static Gen<String> memberNames() {
    return arbitrary().pick(WireArbitraries.MEMBER_NAMES);
  }

  private static String broken(String breakage, String path, String key) {
    switch (breakage) {
      case "drop-to-number-value":
        return path.replaceFirst("/to_number/[^/]*", "/to_number");
      case "bad-escape-in-key":
        return path.replace("/key/" + key, "/key/" + key + "%G1");
      case "key-as-method":
        return "/api/CallControl/" + key + "/from_number/1";
      case "key-twice":
        return path + "/key/" + key;
      default:
        return path.substring(0, path.indexOf("/domain/"));
    }
  }
}
