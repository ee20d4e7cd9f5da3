package dev.switchboard.hub.reconcile;

import dev.switchboard.client.PbxClientException;
import dev.switchboard.hub.actions.PbxClients;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.intake.Appended;
import dev.switchboard.hub.intake.EventWriter;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.webhook.DecodedWebhook;
import dev.switchboard.protocol.webhook.RawField;
import dev.switchboard.protocol.webhook.RawFields;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls each tenant's call records from the PBX ({@code internal/Reports/cdr}) and merges them into
 * the hub through the event log, as {@code calldata} events of source {@code cdr-sync}: calls the
 * webhooks never mentioned appear, and incomplete ones get their final record. Which source wins is
 * {@code CallFold}'s rule: a final record the PBX sent as a webhook wins over the report's; the
 * report fills what no webhook said, including what only the report carries (the queue, the DID and
 * the customer's wait, {@code holdtime}). A record already merged is a duplicate and changes
 * nothing. Run {@link #runOnce} on a schedule; thread-safe.
 */
public final class CdrSync {
  private static final Logger log = LoggerFactory.getLogger(CdrSync.class);
  private static final int CHUNK = 200;

  private final TenantStore tenants;
  private final PbxClients clients;
  private final EventWriter writer;
  private final CallStore calls;
  private final Clock clock;
  private final Duration window;

  /** A sync looking back {@code window} each run. */
  public CdrSync(
      TenantStore tenants,
      PbxClients clients,
      EventWriter writer,
      CallStore calls,
      Clock clock,
      Duration window) {
    this.tenants = tenants;
    this.clients = clients;
    this.writer = writer;
    this.calls = calls;
    this.clock = clock;
    this.window = window;
  }

  /**
   * What one sync found and did.
   *
   * @param records the report's rows
   * @param newCalls calls the hub did not know
   * @param completed calls the hub knew but had not seen end, which the report ended
   * @param updated calls the hub knew had ended, to which the report added what it alone gives
   *     (queue, DID, holdtime, a status the webhooks did not send)
   * @param unchanged rows already merged: nothing new
   * @param unreadable rows that are not a call record
   */
  public record Report(
      int records, int newCalls, int completed, int updated, int unchanged, int unreadable) {
    Report plus(Report other) {
      return new Report(
          records + other.records,
          newCalls + other.newCalls,
          completed + other.completed,
          updated + other.updated,
          unchanged + other.unchanged,
          unreadable + other.unreadable);
    }
  }

  /** What the hub knew of a call before the report's row was merged. */
  private enum Before {
    UNKNOWN,
    OPEN,
    ENDED
  }

  /** Syncs every tenant with PBX settings over the last {@code window}. */
  public Report runOnce() {
    Report total = new Report(0, 0, 0, 0, 0, 0);
    Instant now = clock.instant();
    for (Tenant tenant : tenants.list()) {
      Optional<PbxSettings> pbx = tenants.pbx(tenant.id());
      if (pbx.isEmpty()) {
        continue;
      }
      LocalDate from = now.minus(window).atZone(tenant.zone()).toLocalDate();
      // A day more than today: a PBX whose clock runs ahead (the emulator at --speed) is not
      // missed.
      LocalDate to = now.atZone(tenant.zone()).toLocalDate().plusDays(1);
      try {
        Report report = sync(tenant, from, to, n -> {});
        total = total.plus(report);
        if (report.newCalls() > 0 || report.completed() > 0) {
          log.info(
              "call records of tenant {}: {} new call(s), {} completed from the PBX's report",
              tenant.id(),
              report.newCalls(),
              report.completed());
        }
      } catch (PbxClientException unreachable) {
        log.warn(
            "call records of tenant {} could not be read: {}",
            tenant.id(),
            unreachable.getMessage());
      }
    }
    return total;
  }

  /**
   * Backfills {@code tenantId} from {@code from} to {@code to} (local dates), reporting progress.
   */
  public Report sync(String tenantId, LocalDate from, LocalDate to, LongConsumer progress) {
    Tenant tenant =
        tenants
            .find(tenantId)
            .orElseThrow(() -> new IllegalArgumentException("no tenant '" + tenantId + "'"));
    return sync(tenant, from, to, progress);
  }

  private Report sync(Tenant tenant, LocalDate from, LocalDate to, LongConsumer progress) {
    List<CdrEntry> entries = clients.forTenant(tenant.id()).callRecords(from, to, Optional.empty());
    WebhookParser parser = new WebhookParser(tenant.zone());
    int newCalls = 0;
    int completed = 0;
    int updated = 0;
    int unchanged = 0;
    int unreadable = 0;
    long done = 0;
    List<CompletableFuture<Appended>> pending = new ArrayList<>();
    List<Before> known = new ArrayList<>();
    for (CdrEntry entry : entries) {
      Optional<DecodedWebhook> decoded = decode(parser, entry);
      if (decoded.isEmpty()) {
        unreadable++;
        continue;
      }
      String query = decoded.get().raw().toQuery();
      known.add(
          calls
              .find(tenant.id(), entry.callId())
              .map(call -> "ended".equals(call.path("state").asText()) ? Before.ENDED : Before.OPEN)
              .orElse(Before.UNKNOWN));
      pending.add(
          writer.submit(
              EventDraft.webhook(
                  tenant.id(),
                  clock.instant().truncatedTo(ChronoUnit.MILLIS),
                  Source.CDR_SYNC,
                  null,
                  decoded.get().event(),
                  WebhookPath.CALLDATA,
                  RawFormat.QUERY,
                  query)));
      if (pending.size() % CHUNK == 0) {
        // Wait for each chunk: a large backfill must not fill the intake queue live webhooks need.
        pending.subList(pending.size() - CHUNK, pending.size()).forEach(CompletableFuture::join);
        progress.accept(done += CHUNK);
      }
    }
    for (int i = 0; i < pending.size(); i++) {
      Appended appended = pending.get(i).join();
      if (appended.duplicate()) {
        unchanged++;
        continue;
      }
      switch (known.get(i)) {
        case UNKNOWN -> newCalls++;
        case OPEN -> completed++;
        case ENDED -> updated++;
      }
    }
    progress.accept(entries.size());
    return new Report(entries.size(), newCalls, completed, updated, unchanged, unreadable);
  }

  /**
   * A report entry as the {@code calldata} webhook a PBX would have sent for it, read by the same
   * parser (so it is validated the same way and kept raw in the log).
   */
  static Optional<DecodedWebhook> decode(WebhookParser parser, CdrEntry entry) {
    List<RawField> fields = new ArrayList<>();
    fields.add(new RawField("callid", entry.callId()));
    entry.calldate().ifPresent(v -> fields.add(new RawField("calldate", v)));
    fields.add(new RawField("duration", Long.toString(entry.durationSeconds().orElse(0L))));
    entry.billableSeconds().ifPresent(v -> fields.add(new RawField("billsec", Long.toString(v))));
    entry.status().ifPresent(v -> fields.add(new RawField("status", v.code())));
    entry.extension().ifPresent(v -> fields.add(new RawField("extension", v)));
    entry.customer().ifPresent(v -> fields.add(new RawField("phone", v)));
    entry.direction().ifPresent(v -> fields.add(new RawField("direction", v.code())));
    entry.recordingPath().ifPresent(v -> fields.add(new RawField("recordingfile", v)));
    // What the real report adds to the webhook's fields: the call keeps its queue, DID and wait.
    entry.didNumber().ifPresent(v -> fields.add(new RawField("did", v)));
    entry.queueName().ifPresent(v -> fields.add(new RawField("queue", v)));
    entry.holdtimeSeconds().ifPresent(v -> fields.add(new RawField("holdtime", Long.toString(v))));
    try {
      return Optional.of(parser.parse(WebhookPath.CALLDATA, new RawFields(fields)));
    } catch (ProtocolException unreadable) {
      log.warn(
          "call record {} from the PBX is not readable: {}",
          entry.callId(),
          unreadable.getMessage());
      return Optional.empty();
    }
  }
}
