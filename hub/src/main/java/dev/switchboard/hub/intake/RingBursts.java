package dev.switchboard.hub.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells a burst of identical ring notifications (a real PBX sends a few within 100 ms) from a new
 * call by the same number: notifications with the same content within {@link #WINDOW} of the
 * burst's first one share its dedupe salt, so the log stores the burst once; a later one starts a
 * new burst and is stored. Remembers the latest bursts only. Not thread-safe: the writer thread's.
 */
final class RingBursts {
  /** How long after a burst's first notification an identical one belongs to the burst. */
  static final Duration WINDOW = Duration.ofSeconds(5);

  private static final int REMEMBERED = 10_000;

  private final Map<String, Instant> burstStarts =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** The dedupe salt for a notification of {@code tenantId} with {@code content} at {@code at}. */
  String salt(String tenantId, String content, Instant at) {
    String key = tenantId + "\n" + content;
    Instant start = burstStarts.get(key);
    if (start == null || at.isBefore(start) || !at.isBefore(start.plus(WINDOW))) {
      start = at;
      burstStarts.put(key, start);
    }
    return "ring:" + start.toEpochMilli();
  }
}
