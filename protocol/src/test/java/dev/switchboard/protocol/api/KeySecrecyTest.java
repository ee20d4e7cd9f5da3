package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The company key never shows in a request's toString nor in an error message. */
class KeySecrecyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property
  void keyNeverAppearsInTheToStringOfAnyRequest(@ForAll("requests") PbxRequest request) {
    assertThat(request.toString()).doesNotContain(request.key().value()).contains("PbxKey[***]");
    assertThat(request.key().toString()).isEqualTo("PbxKey[***]");
  }

  @Property
  void keyNeverAppearsInAnErrorAboutABrokenClickToCallPath(
      @ForAll("clickToCalls") ClickToCall request, @ForAll("breakages") String breakage) {
    String path = request.path();
    String broken = broken(breakage, path, request.key().value());
    try {
      ClickToCall.parsePath(broken);
    } catch (ProtocolException problem) {
      assertThat(problem.getMessage()).doesNotContain(request.key().value());
    }
  }

  @Property
  void keyNeverAppearsInAnErrorAboutABrokenBody(
      @ForAll("requests") PbxRequest request,
      @ForAll("memberNames") String member,
      @ForAll("brokenValues") String brokenValue) {
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

  @Provide
  Arbitrary<PbxRequest> requests() {
    return WireArbitraries.requests(WireArbitraries.distinctiveKeys());
  }

  @Provide
  Arbitrary<ClickToCall> clickToCalls() {
    return WireArbitraries.clickToCalls(WireArbitraries.distinctiveKeys());
  }

  @Provide
  Arbitrary<String> breakages() {
    return Arbitraries.of(
        "drop-to-number-value", "bad-escape-in-key", "key-as-method", "key-twice", "cut-at-key");
  }

  @Provide
  Arbitrary<String> brokenValues() {
    return Arbitraries.oneOf(Arbitraries.just(""), WireArbitraries.json(1));
  }

  @Provide
  Arbitrary<String> memberNames() {
    return Arbitraries.of(WireArbitraries.MEMBER_NAMES);
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
