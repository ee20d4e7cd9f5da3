package dev.switchboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator is repeatable, covers every attack of a category, and keeps secrets out of text.
 */
class HostileGeneratorTest {
  private static final ErrorShape ERROR = ErrorShape.jsonWithText("{\"error\":\"...\"}", "error");
  private static final String TOKEN = "tok-0123456789abcdef";
  private static final List<Target> TARGETS =
      List.of(
          Target.get("hook", "/hooks/{" + TOKEN + "}/api/callcenter/hangup", ERROR)
              .withQuery("callid", "abc")
              .withSecret(TOKEN),
          Target.post("agent", "/sim/agents/{101}", ERROR).withJson("paused", "true"));

  private static List<byte[]> bytes(long seed, Category category) {
    return new HostileGenerator(seed, TARGETS)
        .generate(category, 60).stream().map(HostileRequest::bytes).toList();
  }

  @Test
  void theSameSeedMakesTheSameRequestsInEveryCategory() {
    for (Category category : Category.values()) {
      List<byte[]> first = bytes(3, category);
      List<byte[]> again = bytes(3, category);
      assertThat(first).hasSize(60);
      for (int i = 0; i < first.size(); i++) {
        assertThat(Arrays.equals(first.get(i), again.get(i))).as(category + " #" + i).isTrue();
      }
    }
  }

  @Test
  void aRunMadeInPartsIsTheRunMadeWhole() {
    HostileGenerator generator = new HostileGenerator(5, TARGETS);
    for (Category category : Category.values()) {
      List<HostileRequest> whole = generator.generate(category, 90);
      List<HostileRequest> parts = new java.util.ArrayList<>(generator.generate(category, 0, 40));
      parts.addAll(generator.generate(category, 40, 90));
      assertThat(parts).hasSize(90);
      for (int i = 0; i < whole.size(); i++) {
        assertThat(parts.get(i).bytes()).as(category + " #" + i).isEqualTo(whole.get(i).bytes());
        assertThat(parts.get(i).description()).isEqualTo(whole.get(i).description());
      }
    }
  }

  @Test
  void anotherSeedMakesOtherRequests() {
    List<byte[]> one = bytes(3, Category.INJECTION);
    List<byte[]> other = bytes(4, Category.INJECTION);

    assertThat(one.stream().map(String::new).toList())
        .isNotEqualTo(other.stream().map(String::new).toList());
  }

  @Test
  void everyAttackOfACategoryMeetsEveryTargetBeforeAnyRepeats() {
    for (Category category : Category.values()) {
      int pairs = HostileGenerator.attacks(category).size() * TARGETS.size();
      List<String> firstRound =
          new HostileGenerator(9, TARGETS)
              .generate(category, pairs).stream()
                  .map(r -> r.attack().replaceAll(" \\(.*", "") + " on " + r.target())
                  .toList();

      assertThat(firstRound).as(category.toString()).doesNotHaveDuplicates();
    }
  }

  @Test
  void descriptionsMaskTheSecret() {
    List<HostileRequest> requests =
        new HostileGenerator(1, TARGETS).generate(Category.BROKEN_PERCENT_ENCODING, 40);

    assertThat(requests).allMatch(r -> !r.description().contains(TOKEN));
    assertThat(requests).anyMatch(r -> r.description().contains("<secret>"));
  }
}
