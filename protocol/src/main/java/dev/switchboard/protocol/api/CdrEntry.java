package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One call record of a {@link CdrReply}, as a real VoiceCloud report row carries it: {@code
 * direction, queue_name, calldate, callerid, destination, status, billsec, duration, holdtime,
 * callid, did_number, fee, recordingpath}. Only {@code callid} is required. For an Outbound call
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
 * @param status ANSWER, BUSY, NOANSWER, CANCEL, ... (v1's ANSWERED read as ANSWER)
 * @param recordingPath where the recording is ({@code recordingpath})
 * @param queueName the queue the call went through ({@code queue_name}; none for outbound)
 * @param holdtimeSeconds how long the customer waited before an agent answered ({@code holdtime})
 * @param didNumber the PBX number the customer dialled ({@code did_number})
 * @param fee what the call cost, as the PBX bills it ({@code fee})
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
    Optional<String> recordingPath,
    Optional<String> queueName,
    Optional<Long> holdtimeSeconds,
    Optional<String> didNumber,
    Optional<BigDecimal> fee) {
  /** Longest recording path accepted. */
  public static final int MAX_RECORDING_PATH_LENGTH = 2048;

  /** Longest queue name accepted. */
  public static final int MAX_QUEUE_NAME_LENGTH = 128;

  /** Validates every part; present text is never blank, counts and fee never negative. */
  public CdrEntry {
    callId = Text.identifier("callid", callId, Text.MAX_CALL_ID);
    calldate = text("calldate", calldate, 64);
    callerId = identifier("callerid", callerId);
    destination = identifier("destination", destination);
    Text.required("direction", direction);
    notNegative("duration", durationSeconds);
    notNegative("billsec", billableSeconds);
    Text.required("status", status);
    recordingPath = text("recordingpath", recordingPath, MAX_RECORDING_PATH_LENGTH);
    queueName =
        Text.required("queue_name", queueName)
            .map(name -> Text.identifier("queue_name", name, MAX_QUEUE_NAME_LENGTH));
    notNegative("holdtime", holdtimeSeconds);
    didNumber = identifier("did_number", didNumber);
    fee = Text.required("fee", fee).map(value -> CdrFee.checked(value, "fee"));
  }

  /** A record of the report's first nine fields (the shape public integrations read). */
  public CdrEntry(
      String callId,
      Optional<String> calldate,
      Optional<String> callerId,
      Optional<String> destination,
      Optional<Direction> direction,
      Optional<Long> durationSeconds,
      Optional<Long> billableSeconds,
      Optional<CallStatus> status,
      Optional<String> recordingPath) {
    this(
        callId,
        calldate,
        callerId,
        destination,
        direction,
        durationSeconds,
        billableSeconds,
        status,
        recordingPath,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
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

  /**
   * The agent's extension: {@code callerid} when Outbound, {@code destination} when Inbound. An
   * inbound call no agent was offered names what the customer dialled there instead (its DID or
   * queue): that is no extension.
   */
  public Optional<String> extension() {
    return direction.flatMap(
        way ->
            way.equals(Direction.OUTBOUND)
                ? callerId
                : way.equals(Direction.INBOUND)
                    ? destination.filter(
                        d -> !didNumber.equals(Optional.of(d)) && !queueName.equals(Optional.of(d)))
                    : Optional.empty());
  }

  /** The customer: {@code destination} when Outbound, {@code callerid} when Inbound. */
  public Optional<String> customer() {
    return direction.flatMap(
        way ->
            way.equals(Direction.OUTBOUND)
                ? destination
                : way.equals(Direction.INBOUND) ? callerId : Optional.empty());
  }

  /**
   * Writes the real report's row: every member, in its order; text this record lacks is {@code ""}
   * (as the PBX writes an outbound call's queue or a call without recording), {@code billsec} and
   * {@code duration} are decimal strings ({@code ""} when unknown), {@code holdtime} an integer and
   * {@code fee} a number (both left out only when unknown).
   */
  void writeTo(ObjectNode out) {
    out.put("direction", direction.map(Direction::code).orElse(""));
    out.put("queue_name", queueName.orElse(""));
    out.put("calldate", calldate.orElse(""));
    out.put("callerid", callerId.orElse(""));
    out.put("destination", destination.orElse(""));
    out.put("status", status.map(CallStatus::code).orElse(""));
    out.put("billsec", billableSeconds.map(String::valueOf).orElse(""));
    out.put("duration", durationSeconds.map(String::valueOf).orElse(""));
    holdtimeSeconds.ifPresent(value -> out.put("holdtime", value));
    out.put("callid", callId);
    out.put("did_number", didNumber.orElse(""));
    fee.ifPresent(value -> CdrFee.write(out, "fee", value));
    out.put("recordingpath", recordingPath.orElse(""));
  }

  /**
   * Reads one record, tolerantly: both the real report's row (counts as decimal strings, {@code ""}
   * for what is absent) and the older shape (counts as JSON numbers, members left out). A member
   * that is absent, null or empty text is left out.
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
    Optional<String> queue = WireJson.optionalIdentifier(entry, "queue_name", at + ".queue_name");
    Optional<Long> holdtime = WireJson.count(entry, "holdtime", at + ".holdtime");
    Optional<String> did = WireJson.optionalIdentifier(entry, "did_number", at + ".did_number");
    Optional<BigDecimal> fee = CdrFee.read(entry, "fee", at + ".fee");
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
                recording,
                queue,
                holdtime,
                did,
                fee));
  }

  private static String checked(String field, String code) {
    return Text.identifier(field, code, Text.MAX_IDENTIFIER);
  }

  private static Optional<String> identifier(String field, Optional<String> value) {
    return Text.required(field, value).map(id -> Text.identifier(field, id, Text.MAX_IDENTIFIER));
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
