package dev.switchboard.hub.reconcile;

import dev.switchboard.client.PbxClientException;
import dev.switchboard.hub.actions.PbxClients;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.intake.EventWriter;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.webhook.DecodedWebhook;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up, in the PBX's call-record report, each call the PBX announced with empty call data
 * ({@code calldata?callid=X&calldate=}), once its look-up is due (ten seconds after the notice),
 * and merges what the report says through the event log exactly as {@link CdrSync} does (source
 * {@code cdr-sync}; a final record the PBX sent as a webhook still wins). A call the report does
 * not hold yet is asked again every {@link #RETRY_AFTER}, at most {@link #MAX_ATTEMPTS} times; a
 * call that already has its final record is not asked about. A tenant without PBX settings is said
 * once in the log and its look-ups are dropped. Run {@link #runOnce} on a schedule; thread-safe.
 */
public final class CallDataLookup {
  private static final Logger log = LoggerFactory.getLogger(CallDataLookup.class);

  /** How long before a look-up that found nothing, or could not reach the PBX, is tried again. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  /** How many times a call is asked about before it is given up. */
  public static final int MAX_ATTEMPTS = 10;

  private static final int PER_RUN = 100;

  private final TenantStore tenants;
  private final PbxClients clients;
  private final CallLookups lookups;
  private final CallStore calls;
  private final EventWriter writer;
  private final Clock clock;
  private final Set<String> toldNoPbx = ConcurrentHashMap.newKeySet();

  /** A job merging through {@code writer}. */
  public CallDataLookup(
      TenantStore tenants,
      PbxClients clients,
      CallLookups lookups,
      CallStore calls,
      EventWriter writer,
      Clock clock) {
    this.tenants = tenants;
    this.clients = clients;
    this.lookups = lookups;
    this.calls = calls;
    this.writer = writer;
    this.clock = clock;
  }

  /** What one run did with the look-ups that were due. */
  public record Report(int merged, int complete, int notYet, int dropped) {}

  /** Looks up every call whose look-up is due (at most a hundred a run). */
  public Report runOnce() {
    int merged = 0;
    int complete = 0;
    int notYet = 0;
    int dropped = 0;
    Instant now = clock.instant();
    for (CallLookups.Due due : lookups.due(now, PER_RUN)) {
      switch (lookUp(due, now)) {
        case MERGED -> merged++;
        case COMPLETE -> complete++;
        case NOT_YET -> notYet++;
        case DROPPED -> dropped++;
      }
    }
    return new Report(merged, complete, notYet, dropped);
  }

  private enum Result {
    MERGED,
    COMPLETE,
    NOT_YET,
    DROPPED
  }

  private Result lookUp(CallLookups.Due due, Instant now) {
    Optional<Tenant> tenant = tenants.find(due.tenantId());
    if (tenant.isEmpty() || tenants.pbx(due.tenantId()).isEmpty()) {
      if (toldNoPbx.add(due.tenantId())) {
        log.info(
            "tenant {} has no PBX settings: calls announced without data are not looked up in the"
                + " PBX's report (switchboard hub tenant set-pbx {} ...)",
            due.tenantId(),
            due.tenantId());
      }
      lookups.drop(due);
      return Result.DROPPED;
    }
    if (hasFinalRecord(due)) {
      lookups.drop(due);
      return Result.COMPLETE;
    }
    LocalDate day = due.dueAt().atZone(tenant.get().zone()).toLocalDate();
    List<CdrEntry> entries;
    try {
      entries =
          clients
              .forTenant(due.tenantId())
              .callRecords(day.minusDays(1), day.plusDays(1), Optional.of(due.callId()))
              .stream()
              .filter(entry -> entry.callId().equals(due.callId()))
              .toList();
    } catch (PbxClientException unreachable) {
      log.warn(
          "call {} of tenant {} could not be looked up: {}",
          due.callId(),
          due.tenantId(),
          unreachable.getMessage());
      return again(due, now);
    }
    if (entries.isEmpty()) {
      return again(due, now);
    }
    WebhookParser parser = new WebhookParser(tenant.get().zone());
    for (CdrEntry entry : entries) {
      Optional<DecodedWebhook> decoded = CdrSync.decode(parser, entry);
      if (decoded.isPresent()) {
        writer
            .submit(
                EventDraft.webhook(
                    due.tenantId(),
                    now.truncatedTo(ChronoUnit.MILLIS),
                    Source.CDR_SYNC,
                    null,
                    decoded.get().event(),
                    WebhookPath.CALLDATA,
                    RawFormat.QUERY,
                    decoded.get().raw().toQuery()))
            .join();
      }
    }
    lookups.drop(due);
    return Result.MERGED;
  }

  private boolean hasFinalRecord(CallLookups.Due due) {
    return calls
        .find(due.tenantId(), due.callId())
        .filter(record -> record.path("duration").isNumber())
        .isPresent();
  }

  private Result again(CallLookups.Due due, Instant now) {
    if (due.attempts() + 1 >= MAX_ATTEMPTS) {
      log.warn(
          "call {} of tenant {} is still not in the PBX's report after {} look-ups; given up",
          due.callId(),
          due.tenantId(),
          MAX_ATTEMPTS);
      lookups.drop(due);
      return Result.DROPPED;
    }
    lookups.retry(due, now.plus(RETRY_AFTER));
    return Result.NOT_YET;
  }
}
