package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.util.Optional;

/**
 * One call record of a {@link CdrReply}: {@code callid, calldate, callerid, destination, direction,
 * duration, billsec, status, recordingpath}. Only {@code callid} is required. For an Outbound call
 * {@code callerid} is the agent's extension and {@code destination} the customer; for an Inbound
 * call the reverse ({@link #extension()}, {@link #customer()}).
 *
 * @param callId the call
 * @param calldate when the call began, the PBX's local time exactly as sent
 * @param callerId who called
 * @param destination who was called
 * @param direction Inbound, Outbound, or a value the documents do not list (kept as sent)
 * @param durationSeconds the whole call, ringing included
 * @param billableSeconds talk time ({@code billsec})
 * @param status ANSWER, BUSY, ... (v1's ANSWERED read as ANSWER)
 * @param recordingPath where the recording is ({@code recordingpath})
 */
public record CdrEntry(
    String callId,
    Optional<String> calldate,
    Optional<String> callerId,
    Optional<String> destination,
    Optional<Direction> direction,
    Optional<Long> durationSeconds,
    Optional<Long> billableSeconds,
    Optional<CallStatus> status,
    Optional<String> recordingPath) {
  /** Longest recording path accepted. */
  public static final int MAX_RECORDING_PATH_LENGTH = 2048;

  /** Validates every part; present text is never blank, counts never negative. */
  public CdrEntry {
    callId = Text.identifier("callid", callId, Text.MAX_CALL_ID);
    calldate = text("calldate", calldate, 64);
    callerId =
        Text.required("callerid", callerId)
            .map(id -> Text.identifier("callerid", id, Text.MAX_IDENTIFIER));
    destination =
        Text.required("destination", destination)
            .map(id -> Text.identifier("destination", id, Text.MAX_IDENTIFIER));
    Text.required("direction", direction);
    notNegative("duration", durationSeconds);
    notNegative("billsec", billableSeconds);
    Text.required("status", status);
    recordingPath = text("recordingpath", recordingPath, MAX_RECORDING_PATH_LENGTH);
  }

  /** A record with only its call id, every other field absent. */
  public static CdrEntry of(String callId) {
    return new CdrEntry(
        callId,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The agent's extension: {@code callerid} when Outbound, {@code destination} when Inbound. */
  public Optional<String> extension() {
    return direction.flatMap(
        way ->
            way.equals(Direction.OUTBOUND)
                ? callerId
                : way.equals(Direction.INBOUND) ? destination : Optional.empty());
  }

  /** The customer: {@code destination} when Outbound, {@code callerid} when Inbound. */
  public Optional<String> customer() {
    return direction.flatMap(
        way ->
            way.equals(Direction.OUTBOUND)
                ? destination
                : way.equals(Direction.INBOUND) ? callerId : Optional.empty());
  }

  void writeTo(ObjectNode out) {
    out.put("callid", callId);
    calldate.ifPresent(value -> out.put("calldate", value));
    callerId.ifPresent(value -> out.put("callerid", value));
    destination.ifPresent(value -> out.put("destination", value));
    direction.ifPresent(value -> out.put("direction", value.code()));
    durationSeconds.ifPresent(value -> out.put("duration", value));
    billableSeconds.ifPresent(value -> out.put("billsec", value));
    status.ifPresent(value -> out.put("status", value.code()));
    recordingPath.ifPresent(value -> out.put("recordingpath", value));
  }

  /**
   * Reads one record, tolerantly: counts may be JSON numbers or digits in text, and a field that is
   * absent, null or empty text is left out.
   */
  static CdrEntry read(JsonNode entry, String at) {
    String callId = WireJson.identifier(entry, "callid", at + ".callid");
    Optional<String> calldate = WireJson.optionalIdentifier(entry, "calldate", at + ".calldate");
    Optional<String> callerId = WireJson.optionalIdentifier(entry, "callerid", at + ".callerid");
    Optional<String> destination =
        WireJson.optionalIdentifier(entry, "destination", at + ".destination");
    Optional<String> direction = WireJson.optionalIdentifier(entry, "direction", at + ".direction");
    Optional<Long> duration = WireJson.count(entry, "duration", at + ".duration");
    Optional<Long> billsec = WireJson.count(entry, "billsec", at + ".billsec");
    Optional<String> status = WireJson.optionalIdentifier(entry, "status", at + ".status");
    Optional<String> recording =
        WireJson.optionalIdentifier(entry, "recordingpath", at + ".recordingpath");
    return WireJson.at(
        at,
        () ->
            new CdrEntry(
                callId,
                calldate,
                callerId,
                destination,
                direction.map(code -> Direction.of(checked("direction", code))),
                duration,
                billsec,
                status.map(code -> CallStatus.of(checked("status", code))),
                recording));
  }

  private static String checked(String field, String code) {
    return Text.identifier(field, code, Text.MAX_IDENTIFIER);
  }

  private static Optional<String> text(String field, Optional<String> value, int max) {
    return Text.required(field, value)
        .map(
            present -> {
              if (present.isBlank()) {
                throw ProtocolException.field(field, "is empty (leave it out instead)");
              }
              return Text.printable(field, present, max);
            });
  }

  private static void notNegative(String field, Optional<Long> seconds) {
    Text.required(field, seconds)
        .filter(value -> value < 0)
        .ifPresent(
            value -> {
              throw ProtocolException.field(field, "is negative");
            });
  }
}
