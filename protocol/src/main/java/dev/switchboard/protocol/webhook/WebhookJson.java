package dev.switchboard.protocol.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Switchboard's JSON view of a webhook: {@code type} ({@code incoming_call}, ...), the normalised
 * fields (phone in E.164, calldate as an ISO-8601 UTC instant, durations as numbers of seconds,
 * canonical codes), then, in {@link #describe}, notes on how the input was read and the raw fields.
 * Stateless and thread-safe.
 */
public final class WebhookJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WebhookJson() {}

  /** The normalised fields of {@code event}, with its {@code type} first. */
  public static ObjectNode normalised(WebhookEvent event) {
    JsonWriter writer = new JsonWriter(RawFields.of(Map.of()), null);
    event.writeTo(writer);
    return writer.done(event);
  }

  /**
   * Everything a developer wants to see of a decoded webhook: type, path, normalised fields, {@code
   * extra} (if any), {@code notes} on the reading (if any), and {@code raw}.
   */
  public static ObjectNode describe(DecodedWebhook decoded, ZoneId zone) {
    JsonWriter writer = new JsonWriter(decoded.raw(), zone);
    if (decoded.pathInferred()) {
      writer.notes.add(
          "path " + decoded.path().path() + " inferred from the fields; give the URL to be sure");
    }
    decoded.event().writeTo(writer);
    ObjectNode out = NODES.objectNode();
    out.put("type", decoded.event().type().wireName());
    out.put("path", decoded.path().path());
    ObjectNode fields = writer.done(decoded.event());
    fields.remove("type");
    out.setAll(fields);
    if (!writer.notes.isEmpty()) {
      out.set("notes", writer.notes);
    }
    ObjectNode raw = out.putObject("raw");
    decoded.raw().fields().forEach(field -> raw.put(field.name(), field.value()));
    return out;
  }

  /** Writes normalised values, noting where the reading differs from the raw text. */
  private static final class JsonWriter implements WebhookWriter {
    private final RawFields raw;
    private final ZoneId zone;
    private final ObjectNode fields = NODES.objectNode();
    private final ArrayNode notes = NODES.arrayNode();
    private Map<String, String> extra = Map.of();

    JsonWriter(RawFields raw, ZoneId zone) {
      this.raw = raw;
      this.zone = zone;
    }

    @Override
    public Edition edition() {
      return Edition.V2;
    }

    @Override
    public void field(String name, String value) {
      fields.put(name, value);
      raw.get(name)
          .map(String::trim)
          .filter(sent -> !sent.isEmpty() && !sent.equals(value))
          .ifPresent(sent -> notes.add(name + " '" + sent + "' read as " + value));
    }

    @Override
    public void presentEmpty(String name) {
      // An empty value reads as absent: nothing to show.
    }

    @Override
    public void phone(Optional<PhoneNumber> phone) {
      phone.ifPresent(
          number -> {
            fields.put("phone", number.e164().orElse(null));
            if (number.e164().isEmpty()) {
              notes.add(
                  "phone '" + number.raw() + "' is not a dialable number: kept as sent, no E.164");
            }
          });
    }

    @Override
    public void calldate(Optional<Instant> calldate) {
      calldate.ifPresent(
          instant -> {
            fields.put("calldate", instant.toString());
            if (zone != null) {
              notes.add(
                  "calldate read as local time in " + zone.getId() + " (" + offset(instant) + ")");
            }
          });
    }

    @Override
    public void seconds(String name, Optional<Duration> duration) {
      duration.ifPresent(present -> fields.put(name, present.toSeconds()));
    }

    @Override
    public void extra(Map<String, String> extra) {
      this.extra = extra;
    }

    ObjectNode done(WebhookEvent event) {
      ObjectNode out = NODES.objectNode();
      out.put("type", event.type().wireName());
      out.setAll(fields);
      if (!extra.isEmpty()) {
        ObjectNode extraNode = out.putObject("extra");
        extra.forEach(extraNode::put);
        notes.add(
            "fields the documents do not define were kept in extra: "
                + String.join(", ", extra.keySet()));
      }
      unknownCodes(event);
      return out;
    }

    private void unknownCodes(WebhookEvent event) {
      if (event instanceof CallRecord) {
        ((CallRecord) event)
            .status()
            .filter(s -> !s.isKnown())
            .ifPresent(s -> unknown("status", s.code()));
        ((CallRecord) event)
            .direction()
            .filter(d -> !d.isKnown())
            .ifPresent(d -> unknown("direction", d.code()));
      } else if (event instanceof IncomingCall) {
        ((IncomingCall) event)
            .event()
            .filter(e -> !e.isKnown())
            .ifPresent(e -> unknown("event", e.code()));
      } else if (event instanceof RingNotification ring) {
        ring.event().filter(e -> !e.isKnown()).ifPresent(e -> unknown("event", e.code()));
      } else if (event instanceof OutboundCall) {
        ((OutboundCall) event)
            .event()
            .filter(e -> !e.isKnown())
            .ifPresent(e -> unknown("event", e.code()));
      } else if (event instanceof AgentStatusChange) {
        AgentState state = ((AgentStatusChange) event).status();
        if (!state.isKnown()) {
          unknown("status", state.code());
        }
      }
    }

    private void unknown(String field, String code) {
      notes.add(field + " '" + code + "' is not a value the documents list: kept as sent");
    }

    private String offset(Instant instant) {
      String id = zone.getRules().getOffset(instant).getId();
      return "Z".equals(id) ? "UTC" : "UTC" + id;
    }
  }
}
