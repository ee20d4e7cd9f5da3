package dev.switchboard.hub.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.AgentNoAnswer;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.CallRecord;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.OutboundCall;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Appends to and reads the event log, inside the caller's transaction. Webhooks are read back by
 * parsing their raw text again in the tenant's time zone, so what is derived from the log is
 * derived from exactly what arrived. Stateless apart from its collaborators; thread-safe.
 */
public final class EventLog {
  private static final ObjectMapper JSON = JsonMappers.create();

  private final Function<String, WebhookParser> parserForTenant;

  /** A log reading each tenant's webhooks with the parser {@code parserForTenant} gives. */
  public EventLog(Function<String, WebhookParser> parserForTenant) {
    this.parserForTenant = parserForTenant;
  }

  /**
   * Appends {@code draft} unless the log holds an exact duplicate (same tenant, type and normalised
   * fields, and for an agent status the same previous status event) as sequence number {@code seq},
   * which must be above {@link #lockForAppend}'s answer; returns it, or empty for a duplicate.
   */
  public Optional<Long> append(Handle handle, EventDraft draft, String salt, long seq) {
    String hash = dedupeHash(draft.tenantId(), draft.type(), draft.content(), salt);
    return handle
        .createQuery(
            "insert into events (seq, tenant_id, received_at, source, remote_addr, type, callid,"
                + " extension, path, raw_format, raw, fields, dedupe_hash) values (:seq, :tenant,"
                + " :received, :source, :remote, :type, :callid, :extension, :path, :format, :raw,"
                + " :fields, :hash) on conflict (tenant_id, dedupe_hash) do nothing returning seq")
        .bind("seq", seq)
        .bind("tenant", draft.tenantId())
        .bind("received", draft.receivedAt().toEpochMilli())
        .bind("source", draft.source().code())
        .bind("remote", draft.remoteAddress().orElse(null))
        .bind("type", draft.type())
        .bind("callid", draft.callId().orElse(null))
        .bind("extension", draft.webhook().flatMap(EventLog::extensionOf).orElse(null))
        .bind("path", draft.path().orElse(null))
        .bind("format", draft.rawFormat().map(RawFormat::code).orElse(null))
        .bind("raw", draft.raw().orElse(null))
        .bind("fields", draft.content())
        .bind("hash", hash)
        .mapTo(Long.class)
        .findOne();
  }

  /** Every event of one call, in log order. */
  public List<LoggedEvent> eventsOfCall(Handle handle, String tenantId, String callId) {
    return handle
        .createQuery(
            "select seq, tenant_id, received_at, source, type, callid, path, raw_format, raw,"
                + " fields from events where tenant_id = :tenant and callid = :callid order by seq")
        .bind("tenant", tenantId)
        .bind("callid", callId)
        .map((rs, ctx) -> read(rs))
        .list();
  }

  /** How many events of one call the log holds. */
  public long countOfCall(Handle handle, String tenantId, String callId) {
    return handle
        .createQuery("select count(*) from events where tenant_id = :tenant and callid = :callid")
        .bind("tenant", tenantId)
        .bind("callid", callId)
        .mapTo(Long.class)
        .one();
  }

  /** Events with a sequence number above {@code afterSeq}, in log order, at most {@code limit}. */
  public List<LoggedEvent> after(Handle handle, long afterSeq, int limit) {
    return handle
        .createQuery(
            "select seq, tenant_id, received_at, source, type, callid, path, raw_format, raw,"
                + " fields from events where seq > :after order by seq limit :limit")
        .bind("after", afterSeq)
        .bind("limit", limit)
        .map((rs, ctx) -> read(rs))
        .list();
  }

  /**
   * What the events after {@code afterSeq} touched, in log order, at most {@code limit}: each one's
   * sequence, tenant, type, call and extension, read from their columns without parsing anything.
   */
  public List<Touch> touchesAfter(Handle handle, long afterSeq, int limit) {
    return handle
        .createQuery(
            "select seq, tenant_id, type, callid, extension from events where seq > :after order"
                + " by seq limit :limit")
        .bind("after", afterSeq)
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new Touch(
                    rs.getLong("seq"),
                    rs.getString("tenant_id"),
                    rs.getString("type"),
                    Optional.ofNullable(rs.getString("callid")),
                    Optional.ofNullable(rs.getString("extension"))))
        .list();
  }

  /** What one logged event touched: its call and the agent extension it names, if any. */
  public record Touch(
      long seq,
      String tenantId,
      String type,
      Optional<String> callId,
      Optional<String> extension) {}

  /**
   * Takes the log's append lock for the rest of the caller's transaction and returns the highest
   * sequence number in the log. Every writer of the log, in every hub process, takes it before it
   * appends and numbers its events above the answer, so sequence numbers are given in commit order:
   * a transaction waits here until the one before it has committed (PostgreSQL: the lock row;
   * SQLite: its one write lock), and so sees every event committed before its own. A reader that
   * has seen sequence number N has seen every event below it, which a plain sequence cannot
   * promise: two transactions may commit in the other order than they drew their numbers.
   */
  public long lockForAppend(Handle handle) {
    handle.execute("update append_lock set batches = batches + 1 where id = 1");
    return lastSeq(handle);
  }

  /** The highest sequence number in the log, 0 when empty. */
  public long lastSeq(Handle handle) {
    return handle.createQuery("select coalesce(max(seq), 0) from events").mapTo(Long.class).one();
  }

  /**
   * The latest event naming an extension (a status, or a call event with that agent's extension):
   * its sequence number, type and, for a status, the status.
   */
  public Optional<LatestOfExtension> latestOfExtension(
      Handle handle, String tenantId, String extension) {
    return handle
        .createQuery(
            "select seq, type, fields from events where tenant_id = :tenant and extension ="
                + " :extension order by seq desc limit 1")
        .bind("tenant", tenantId)
        .bind("extension", extension)
        .map((rs, ctx) -> latestOf(rs.getLong("seq"), rs.getString("type"), rs.getString("fields")))
        .findOne();
  }

  /**
   * What {@link #latestOfExtension} answers for an event of {@code type} with canonical {@code
   * fields} stored as {@code seq}: for a writer that remembers its own appends.
   */
  public static LatestOfExtension latestOf(long seq, String type, String fields) {
    Optional<String> status =
        type.equals(AGENT_STATUS)
            ? Optional.of(parseJson(fields).path("status").asText())
            : Optional.empty();
    return new LatestOfExtension(seq, type, status);
  }

  private static final String AGENT_STATUS =
      dev.switchboard.protocol.webhook.EventType.AGENT_STATUS.wireName();

  /** The latest event naming an extension: its sequence, type, and status when it is one. */
  public record LatestOfExtension(long seq, String type, Optional<String> status) {
    /** Whether it is an agent status of {@code code}. */
    public boolean isStatus(String code) {
      return status.filter(code::equals).isPresent();
    }
  }

  /** Every event of one call as the API shows it: sequence, time, source, fields and raw text. */
  public List<ObjectNode> describeCall(Handle handle, String tenantId, String callId) {
    return handle
        .createQuery(
            "select seq, received_at, source, remote_addr, type, path, raw_format, raw, fields from"
                + " events where tenant_id = :tenant and callid = :callid order by seq")
        .bind("tenant", tenantId)
        .bind("callid", callId)
        .map(
            (rs, ctx) -> {
              ObjectNode node = JSON.createObjectNode();
              node.put("seq", rs.getLong("seq"));
              node.put("received_at", Instant.ofEpochMilli(rs.getLong("received_at")).toString());
              node.put("source", rs.getString("source"));
              node.put("type", rs.getString("type"));
              node.set("fields", parseJson(rs.getString("fields")));
              if (rs.getString("raw") != null) {
                ObjectNode raw = node.putObject("raw");
                raw.put("path", rs.getString("path"));
                raw.put("format", rs.getString("raw_format"));
                raw.put("text", rs.getString("raw"));
              }
              return node;
            })
        .list();
  }

  private LoggedEvent read(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant_id");
    String raw = rs.getString("raw");
    Optional<dev.switchboard.protocol.webhook.WebhookEvent> webhook = Optional.empty();
    String type = rs.getString("type");
    if (raw != null && !type.equals(EventDraft.UNKNOWN_PATH) && !type.equals(EventDraft.ROUTE)) {
      WebhookPath path = WebhookPath.fromRequestPath(rs.getString("path")).orElseThrow();
      RawFormat format =
          RawFormat.valueOf(rs.getString("raw_format").toUpperCase(java.util.Locale.ROOT));
      try {
        webhook = Optional.of(format.parse(parserForTenant.apply(tenant), path, raw).event());
      } catch (ProtocolException unreadable) {
        throw new IllegalStateException(
            "logged event " + rs.getLong("seq") + " no longer parses: " + unreadable.getMessage(),
            unreadable);
      }
    }
    return new LoggedEvent(
        rs.getLong("seq"),
        tenant,
        Instant.ofEpochMilli(rs.getLong("received_at")),
        Source.ofCode(rs.getString("source")),
        type,
        Optional.ofNullable(rs.getString("callid")),
        webhook,
        rs.getString("fields"));
  }

  static String dedupeHash(String tenantId, String type, String content, String salt) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String canonical = tenantId + "\n" + type + "\n" + content + "\n" + salt;
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static JsonNode parseJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
      throw new IllegalStateException("stored fields are not JSON", corrupt);
    }
  }

  /** The extension a webhook names (the agent's), whatever its type; stored for look-ups. */
  public static Optional<String> extensionOf(WebhookEvent webhook) {
    if (webhook instanceof AgentStatusChange status) {
      return Optional.of(status.extension());
    }
    if (webhook instanceof IncomingCall incoming) {
      return incoming.extension();
    }
    if (webhook instanceof AgentAnswered answered) {
      return Optional.of(answered.extension());
    }
    if (webhook instanceof AgentNoAnswer noAnswer) {
      return Optional.of(noAnswer.extension());
    }
    if (webhook instanceof OutboundCall outbound) {
      return Optional.of(outbound.extension());
    }
    if (webhook instanceof CallRecord record) {
      return record.extension();
    }
    return Optional.empty();
  }
}
