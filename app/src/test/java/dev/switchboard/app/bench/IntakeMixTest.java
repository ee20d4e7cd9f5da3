package dev.switchboard.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.CallEvent;
import dev.switchboard.protocol.webhook.EventType;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookParser;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The bench's mix decodes as a PBX's webhooks: every kind, an agent per call, calls in progress.
 */
class IntakeMixTest {
  private static final int CALLS = 50;
  private final WebhookParser parser = new WebhookParser(ZoneId.of("Asia/Ho_Chi_Minh"), "VN");
  private final IntakeMix mix = IntakeMix.of(Edition.V2);
  private final LongFunction<String> urls = mix.urls("http://hub/hooks/t", "run", CALLS, 2000);

  private WebhookEvent event(long n) {
    return parser.parseUrl(urls.apply(n)).event();
  }

  @Test
  void oneCycleHoldsEveryEventTypeAndEveryStatusChangeIsItsSlotsAgent() {
    int cycle = mix.cycle().size();
    assertThat(cycle).isEqualTo(52);
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (long n = 0; n < (long) cycle * CALLS; n++) {
      WebhookEvent event = event(n);
      types.add(event.type());
      if (event instanceof AgentStatusChange status) {
        assertThat(status.extension()).isEqualTo(Integer.toString(2000 + (int) (n % CALLS)));
      }
    }
    assertThat(types).containsExactlyInAnyOrder(EventType.values());
    assertThat(mix.cycle().stream().filter(t -> t.startsWith("/api/Agent/ChangeStatus")))
        .hasSize(18);
  }

  @Test
  void aCallsWebhooksAreTheCallsInProgressApartAndNoTwoCallsShareAnId() {
    Map<String, Set<Long>> slotsByCall = new HashMap<>();
    Set<Long> gaps = new HashSet<>();
    Map<String, Long> lastSeen = new HashMap<>();
    LongStream.range(0, 52L * CALLS * 3)
        .forEach(
            n -> {
              if (event(n) instanceof CallEvent call) {
                String id = call.callId().value();
                slotsByCall.computeIfAbsent(id, k -> new HashSet<>()).add(n % CALLS);
                Long before = lastSeen.put(id, n);
                if (before != null) {
                  gaps.add(n - before);
                }
              }
            });
    assertThat(slotsByCall.values()).allSatisfy(slots -> assertThat(slots).hasSize(1));
    assertThat(slotsByCall).hasSize(8 * 3 * CALLS); // 9 a cycle, but the pause has no call
    assertThat(gaps).allSatisfy(gap -> assertThat(gap % CALLS).isZero());
    assertThat(urls.apply(12_345)).isEqualTo(urls.apply(12_345));
    assertThat(List.of(urls.apply(0), urls.apply(CALLS))).doesNotHaveDuplicates();
  }
}
