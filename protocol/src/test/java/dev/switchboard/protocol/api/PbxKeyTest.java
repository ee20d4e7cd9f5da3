package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class PbxKeyTest {
  private static final String SECRET = "98589afb55de863cf4d5cd4ec2c41072";

  @Test
  void toStringHidesTheKey() {
    assertThat(new PbxKey(SECRET).toString()).isEqualTo("PbxKey[***]");
  }

  @Test
  void blankLongOrControlCharacterKeysAreRejectedWithoutQuotingThem() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> new PbxKey(" \t "))
        .withMessage("field key: is empty");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> new PbxKey(SECRET.repeat(9)))
        .withMessage("field key: is 288 characters long (at most 256)");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> new PbxKey(SECRET + "\u0007" + SECRET))
        .withMessage("field key: contains a control character")
        .withMessageNotContaining(SECRET);
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> new PbxKey(null))
        .withMessage("field key: is missing");
  }

  @Test
  void keyOf256CharactersIsAccepted() {
    assertThat(new PbxKey("k".repeat(256)).value()).hasSize(256);
  }

  @Test
  void matchesComparesTheValues() {
    assertThat(new PbxKey(SECRET).matches(new PbxKey(SECRET))).isTrue();
    assertThat(new PbxKey(SECRET).matches(new PbxKey(SECRET + "0"))).isFalse();
    assertThat(new PbxKey(SECRET).matches(null)).isFalse();
  }

  @Test
  void redactHidesTheKeyAsIsAndPercentEncoded() {
    PbxKey key = new PbxKey("a/b c");

    assertThat(key.redact("key a/b c or a%2Fb%20c")).isEqualTo("key *** or ***");
  }
}
