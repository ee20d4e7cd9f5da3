package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.internal.CallDates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an event's fields as one edition sends them, then lays them out in the documents' order
 * (extras last). One per event; not thread-safe.
 */
final class WireWriter implements WebhookWriter {
  private final WebhookPath path;
  private final Edition edition;
  private final ZoneId zone;
  private final List<RawField> fields = new ArrayList<>();
  private final List<RawField> extras = new ArrayList<>();

  WireWriter(WebhookPath path, Edition edition, ZoneId zone) {
    this.path = path;
    this.edition = edition;
    this.zone = zone;
  }

  @Override
  public Edition edition() {
    return edition;
  }

  @Override
  public void field(String name, String value) {
    fields.add(new RawField(name, value));
  }

  @Override
  public void presentEmpty(String name) {
    fields.add(new RawField(name, ""));
  }

  @Override
  public void phone(Optional<PhoneNumber> phone) {
    phone.ifPresent(present -> field("phone", present.raw()));
  }

  @Override
  public void calldate(Optional<Instant> calldate) {
    calldate.ifPresent(instant -> field("calldate", CallDates.format(instant, zone, edition)));
  }

  @Override
  public void seconds(String name, Optional<Duration> duration) {
    duration.ifPresent(present -> field(name, Long.toString(present.toSeconds())));
  }

  @Override
  public void extra(Map<String, String> extra) {
    extra.forEach((name, value) -> extras.add(new RawField(name, value)));
  }

  WebhookRequest build() {
    List<RawField> ordered = new ArrayList<>(fields);
    ordered.sort(Comparator.comparingInt(field -> path.fields().indexOf(field.name())));
    ordered.addAll(extras);
    return new WebhookRequest(path, new RawFields(ordered));
  }
}
