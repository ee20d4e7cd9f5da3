package dev.switchboard.hub.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives callback items from call records, as a pure function: the same calls give the same items,
 * whatever order they are given in. Stateless and thread-safe.
 */
public final class CallbackDerivation {
  private CallbackDerivation() {}

  /**
   * The facts of one call record that matter here.
   *
   * @param callId the call
   * @param direction inbound or outbound
   * @param phone the customer's E.164 number
   * @param queue the queue
   * @param state ringing, talking or ended
   * @param outcome how it ended, if ended
   * @param answeredBy the extension that answered or called
   * @param firstSeenAt when the hub first heard of it
   * @param answeredAt when it was answered, if it was
   */
  public record CallFacts(
      String callId,
      String direction,
      String phone,
      Optional<String> queue,
      String state,
      Optional<String> outcome,
      Optional<String> answeredBy,
      Instant firstSeenAt,
      Optional<Instant> answeredAt) {

    /** An inbound call that ended without anyone answering it. */
    boolean unanswered() {
      return direction.equals("inbound")
          && state.equals("ended")
          && outcome
              .filter(o -> o.equals("missed") || o.equals("no_answer") || o.equals("busy"))
              .isPresent();
    }

    /** A call, either way, in which an agent and the customer spoke. */
    boolean connected() {
      return answeredAt.isPresent() || outcome.filter("answered"::equals).isPresent();
    }

    Instant connectedAt() {
      return answeredAt.orElse(firstSeenAt);
    }
  }

  /** The items of {@code tenantId}'s calls, days counted in {@code zone}, oldest first. */
  public static List<CallbackItem> derive(String tenantId, ZoneId zone, List<CallFacts> calls) {
    List<CallFacts> ordered = new ArrayList<>(calls);
    ordered.sort(Comparator.comparing(CallFacts::firstSeenAt).thenComparing(CallFacts::callId));
    record Key(String phone, String queue, LocalDate day) {}
    final class Open {
      final String id;
      final Key key;
      final List<CallbackItem.Attempt> attempts = new ArrayList<>();
      Optional<CallbackItem.Resolution> resolution = Optional.empty();

      Open(String id, Key key) {
        this.id = id;
        this.key = key;
      }
    }
    Map<Key, Open> open = new LinkedHashMap<>();
    List<Open> all = new ArrayList<>();
    for (CallFacts call : ordered) {
      if (call.unanswered()) {
        Key key =
            new Key(
                call.phone(),
                call.queue().orElse(""),
                call.firstSeenAt().atZone(zone).toLocalDate());
        Open item = open.get(key);
        if (item == null) {
          item = new Open(idOf(tenantId, key.phone(), key.queue(), key.day(), call.callId()), key);
          open.put(key, item);
          all.add(item);
        }
        item.attempts.add(
            new CallbackItem.Attempt(call.callId(), call.firstSeenAt(), call.outcome().get()));
      } else if (call.connected()) {
        var it = open.values().iterator();
        while (it.hasNext()) {
          Open item = it.next();
          if (item.key.phone().equals(call.phone())) {
            item.resolution =
                Optional.of(
                    new CallbackItem.Resolution(
                        call.callId(), call.answeredBy(), call.connectedAt(), call.direction()));
            it.remove();
          }
        }
      }
    }
    List<CallbackItem> items = new ArrayList<>();
    for (Open item : all) {
      items.add(
          new CallbackItem(
              item.id,
              tenantId,
              item.key.phone(),
              item.key.queue().isEmpty() ? Optional.empty() : Optional.of(item.key.queue()),
              item.key.day(),
              item.attempts,
              item.resolution,
              Optional.empty()));
    }
    return items;
  }

  /** The tenant-local day an item id was made for, if it is an item id at all. */
  public static Optional<LocalDate> dayOf(String id) {
    if (!id.matches("cb_[0-9]{8}_[0-9a-f]{20}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.parse(
              id.substring(3, 7) + "-" + id.substring(7, 9) + "-" + id.substring(9, 11)));
    } catch (java.time.DateTimeException notADay) {
      return Optional.empty();
    }
  }

  static String idOf(String tenant, String phone, String queue, LocalDate day, String firstCall) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  String.join("\n", tenant, phone, queue, day.toString(), firstCall)
                      .getBytes(StandardCharsets.UTF_8));
      return "cb_"
          + day.toString().replace("-", "")
          + "_"
          + HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
