package dev.switchboard.hub.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
  private static Change change(long seq, String extension) {
    return new Change(
        seq,
        "default",
        Change.Kind.CALL,
        Set.of(extension),
        Optional.of("999"),
        new ObjectMapper().createObjectNode());
  }

  @Test
  void aSlowClientOverflowsWithoutBlockingThePublisherOrOtherClients() throws Exception {
    ChangeFeed feed = new ChangeFeed(10);
    try (var slow = feed.subscribe(StreamFilter.all());
        var fast = feed.subscribe(StreamFilter.all())) {
      long started = System.nanoTime();
      for (long seq = 1; seq <= 100; seq++) {
        feed.publish(List.of(change(seq, "101")));
        assertThat(fast.poll(0).change().seq()).isEqualTo(seq);
      }
      assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
      assertThat(slow.overflowed()).isTrue();
      assertThat(fast.overflowed()).isFalse();
    }
    assertThat(feed.clients()).isZero();
  }

  @Test
  void filteredChangesDoNotFillTheBuffer() throws Exception {
    ChangeFeed feed = new ChangeFeed(5);
    try (var only102 =
        feed.subscribe(new StreamFilter(Optional.empty(), Optional.of("102"), Optional.empty()))) {
      feed.publish(LongStream.rangeClosed(1, 50).mapToObj(seq -> change(seq, "101")).toList());
      feed.publish(List.of(change(51, "102")));
      assertThat(only102.overflowed()).isFalse();
      assertThat(only102.poll(0).change().seq()).isEqualTo(51);
    }
  }

  @Test
  void aChangeIsRenderedOnceForEachViewWhateverTheClients() throws Exception {
    ChangeFeed feed = new ChangeFeed(5);
    AtomicInteger renders = new AtomicInteger();
    List<String> seen = new ArrayList<>();
    try (var a = feed.subscribe(StreamFilter.all());
        var b = feed.subscribe(StreamFilter.all());
        var c = feed.subscribe(StreamFilter.all())) {
      feed.publish(List.of(change(7, "101")));
      for (var client : List.of(a, b, c)) {
        ChangeFeed.Delivery delivery = client.poll(0);
        for (String view : List.of("session", "token")) {
          seen.add(
              delivery.rendered(
                  view, change -> view + renders.incrementAndGet() + ":" + change.seq()));
        }
      }
    }
    assertThat(renders).hasValue(2);
    assertThat(seen)
        .containsExactly(
            "session1:7", "token2:7", "session1:7", "token2:7", "session1:7", "token2:7");
  }
}
