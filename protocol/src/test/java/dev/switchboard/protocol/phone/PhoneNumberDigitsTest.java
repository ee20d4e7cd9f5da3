package dev.switchboard.protocol.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The digit forms used to match numbers stored in another format. */
class PhoneNumberDigitsTest {
  @Test
  void theNationalFormIsDigitsOnly() {
    assertThat(PhoneNumber.parse("+84 93 836 37 39").national()).isEqualTo("0938363739");
    assertThat(PhoneNumber.parse("093 836-3739").national()).isEqualTo("0938363739");
    assertThat(PhoneNumber.parse("+1 650 253 0000").national()).isEqualTo("+16502530000");
  }

  @Test
  void trailingDigitsAreTheLastDigitsOfTheBestForm() {
    assertThat(PhoneNumber.parse("093.836.3739").trailingDigits(9)).contains("938363739");
    assertThat(PhoneNumber.parse("+84 (93) 836-37-39").trailingDigits(11)).contains("84938363739");
    assertThat(PhoneNumber.parse("0938363739").trailingDigits(12)).isEmpty();
    // Not dialable: the raw text's own digits, whatever else it holds.
    assertThat(PhoneNumber.parse("ext. 1-0-1").trailingDigits(3)).contains("101");
    assertThat(PhoneNumber.parse("ext. 1-0-1").trailingDigits(4)).isEmpty();
    // Only ASCII digits count: Arabic-Indic and full-width digits are not the PBX's.
    assertThat(PhoneNumber.parse("máy lẻ ١٠١ / ０9 2-3").trailingDigits(3)).contains("923");
    assertThat(PhoneNumber.parse("máy lẻ ١٠١ / ０9 2-3").trailingDigits(4)).isEmpty();
  }
}
