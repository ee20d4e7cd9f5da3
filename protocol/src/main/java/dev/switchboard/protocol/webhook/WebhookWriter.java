package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where an event writes its fields ({@link WebhookEvent#writeTo}): the wire form of one edition
 * ({@link WebhookFormatter}) or Switchboard's normalised JSON view ({@link WebhookJson}). Each
 * event says what it holds; the writer decides how each kind of value is spelled.
 */
public interface WebhookWriter {

  /** The edition whose spelling applies to codes (v1 writes ANSWERED where v2 writes ANSWER). */
  Edition edition();

  /** A documented text field. */
  void field(String name, String value);

  /** A documented field, when present; codes and ids are written by their {@code toString}. */
  default void field(String name, Optional<?> value) {
    value.ifPresent(present -> field(name, present.toString()));
  }

  /**
   * A documented field the PBX sends present and empty ({@code queue=} of a ring notification,
   * {@code calldate=} of a pending call): the wire form writes {@code name=}, the JSON view leaves
   * it out (an empty value reads as absent).
   */
  void presentEmpty(String name);

  /** The {@code phone} field. */
  void phone(Optional<PhoneNumber> phone);

  /** The {@code calldate} field. */
  void calldate(Optional<Instant> calldate);

  /** A duration field in whole seconds ({@code duration}, {@code billsec}, {@code holdtime}). */
  void seconds(String name, Optional<Duration> duration);

  /** Fields the documents do not define. */
  void extra(Map<String, String> extra);
}
