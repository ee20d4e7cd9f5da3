package dev.switchboard.hub.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.Query;

/**
 * Which calls a caller may see: every call of a tenant (or of every tenant), or those involving one
 * of {@code extensions} plus those of one of {@code queues} (only with outcome {@code queueOutcome}
 * when given: an agent sees the missed calls of their queues, not all of them).
 *
 * @param tenant the one tenant, or empty for every tenant (the API token)
 * @param everything whether every call of the tenant is visible
 * @param extensions calls rung at, answered or placed by one of these are visible
 * @param queues calls of one of these queues are visible
 * @param queueOutcome when present, only the queues' calls with this outcome
 */
public record CallScope(
    Optional<String> tenant,
    boolean everything,
    Set<String> extensions,
    Set<String> queues,
    Optional<Outcome> queueOutcome) {

  /** Validates and copies the parts. */
  public CallScope {
    Objects.requireNonNull(tenant, "tenant");
    extensions = Set.copyOf(extensions);
    queues = Set.copyOf(queues);
    Objects.requireNonNull(queueOutcome, "queueOutcome");
  }

  /** Every call of {@code tenant} (every tenant when empty). */
  public static CallScope all(Optional<String> tenant) {
    return new CallScope(tenant, true, Set.of(), Set.of(), Optional.empty());
  }

  /** Whether a call with these parts is visible. */
  public boolean admits(
      String tenantId,
      Collection<String> callExtensions,
      Optional<String> queue,
      Optional<String> outcome) {
    if (tenant.isPresent() && !tenant.get().equals(tenantId)) {
      return false;
    }
    if (everything) {
      return true;
    }
    for (String extension : callExtensions) {
      if (extensions.contains(extension)) {
        return true;
      }
    }
    return queue.filter(queues::contains).isPresent()
        && (queueOutcome.isEmpty() || outcome.equals(queueOutcome.map(Outcome::code)));
  }

  /** Whether the call record {@code record} (as {@link CallJson} writes it) is visible. */
  public boolean admits(JsonNode record) {
    Set<String> involved = new HashSet<>();
    record.path("attempts").forEach(a -> involved.add(a.path("extension").asText()));
    if (record.hasNonNull("answered_by")) {
      involved.add(record.path("answered_by").asText());
    }
    return admits(
        record.path("tenant").asText(), involved, text(record, "queue"), text(record, "outcome"));
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  /** The SQL condition on calls {@code c} (with {@code call_extensions}) for this scope. */
  String sql() {
    StringBuilder sql = new StringBuilder();
    tenant.ifPresent(t -> sql.append(" and c.tenant_id = :scopeTenant"));
    if (everything) {
      return sql.toString();
    }
    List<String> either = new java.util.ArrayList<>();
    if (!extensions.isEmpty()) {
      either.add(
          "exists (select 1 from call_extensions s where s.tenant_id = c.tenant_id and s.callid ="
              + " c.callid and s.extension in ("
              + names("scopeExt", extensions.size())
              + "))");
    }
    if (!queues.isEmpty()) {
      either.add(
          "(c.queue in ("
              + names("scopeQueue", queues.size())
              + ")"
              + (queueOutcome.isPresent() ? " and c.outcome = :scopeOutcome" : "")
              + ")");
    }
    sql.append(either.isEmpty() ? " and 1 = 0" : " and (" + String.join(" or ", either) + ")");
    return sql.toString();
  }

  /** Binds what {@link #sql()} names. */
  void bind(Query query) {
    tenant.ifPresent(t -> query.bind("scopeTenant", t));
    if (everything) {
      return;
    }
    int i = 0;
    for (String extension : extensions.stream().sorted().toList()) {
      query.bind("scopeExt" + i++, extension);
    }
    i = 0;
    for (String queue : queues.stream().sorted().toList()) {
      query.bind("scopeQueue" + i++, queue);
    }
    queueOutcome.ifPresent(o -> query.bind("scopeOutcome", o.code()));
  }

  private static String names(String prefix, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? ":" : ", :").append(prefix).append(i);
    }
    return out.toString();
  }
}
