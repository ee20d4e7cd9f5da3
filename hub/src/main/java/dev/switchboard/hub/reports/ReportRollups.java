package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.calls.ReportBucket;
import dev.switchboard.protocol.JsonMappers;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The background loop that brings out-of-date buckets' rollups up to date: each {@link #runOnce()}
 * recounts up to a batch of dirty buckets from their calls, outside any transaction, and in a short
 * transaction per bucket replaces its rollups and cleans it, only if no call changed it meanwhile.
 * Reports are right whether it has run or not; it only moves the work out of them. Thread-safe (one
 * run at a time).
 */
public final class ReportRollups {
  private static final ObjectMapper JSON = JsonMappers.create();
  private final Jdbi jdbi;
  private final int batch;

  /** A loop over {@code jdbi} recounting up to {@code batch} buckets a run. */
  public ReportRollups(Jdbi jdbi, int batch) {
    this.jdbi = jdbi;
    this.batch = batch;
  }

  /** Recounts up to a batch of dirty buckets; returns how many it cleaned. */
  public int runOnce() {
    return runOnce(() -> {});
  }

  /**
   * {@link #runOnce()}, running {@code afterCounting} between each bucket's count and its write:
   * how a test has a call change while its bucket is counted.
   */
  public synchronized int runOnce(Runnable afterCounting) {
    int cleaned = 0;
    for (RollupStore.DirtyBucket dirty : jdbi.withHandle(h -> RollupStore.dirty(h, batch))) {
      // Counted outside a transaction: on SQLite every transaction holds the one write lock, and
      // recounting a busy bucket's calls (tens to hundreds of milliseconds) would hold the intake
      // writer, and every webhook's 200, that long. The bucket's generation was read before its
      // calls, so a call that changed it since has moved the generation and the short write below
      // leaves the bucket dirty for the next run; a change of the tenant's settings is caught by
      // reading them again there.
      KpiSettings settings = jdbi.withHandle(h -> KpiSettingsStore.of(h, dirty.tenantId()));
      Tally tally = new Tally();
      jdbi.useHandle(
          handle ->
              RollupStore.callsOf(
                  handle,
                  dirty.tenantId(),
                  dirty.bucket(),
                  dirty.bucket() + ReportBucket.MILLIS,
                  record -> tally.add(parse(record), settings)));
      afterCounting.run();
      boolean done =
          jdbi.inTransaction(
              handle -> {
                if (!settings.equals(KpiSettingsStore.of(handle, dirty.tenantId()))
                    || !RollupStore.clean(handle, dirty)) {
                  return false;
                }
                RollupStore.replace(handle, dirty.tenantId(), dirty.bucket(), tally, settings);
                return true;
              });
      if (done) {
        cleaned++;
      }
    }
    for (RollupStore.Day day :
        jdbi.withHandle(
            h -> RollupStore.daysToSum(h, BUCKETS_READ_FOR_DAYS, tenant -> zoneOf(h, tenant)))) {
      jdbi.useTransaction(handle -> RollupStore.sumDay(handle, day));
    }
    return cleaned;
  }

  /** How many remembered buckets one run reads to find the days to sum again. */
  private static final int BUCKETS_READ_FOR_DAYS = 10_000;

  /**
   * The tenant's time zone as stored now (not a cache that another node's change has not reached):
   * day totals are summed in it.
   */
  private static ZoneId zoneOf(Handle handle, String tenantId) {
    return handle
        .createQuery("select time_zone from tenants where id = :id")
        .bind("id", tenantId)
        .mapTo(String.class)
        .findOne()
        .map(ZoneId::of)
        .orElse(ZoneId.of("UTC"));
  }

  /**
   * The tenant's time zone changed: its days are summed again in the new zone (reports count the
   * missing days from their buckets meanwhile). In the caller's transaction.
   */
  public static void zoneChanged(Handle handle, String tenantId) {
    RollupStore.sumEveryDayAgain(handle, tenantId);
  }

  /** Runs until no bucket is dirty; returns how many buckets it cleaned. */
  public int runUntilClean() {
    int total = 0;
    int cleaned;
    do {
      cleaned = runOnce();
      total += cleaned;
    } while (cleaned > 0);
    return total;
  }

  static com.fasterxml.jackson.databind.JsonNode parse(String record) {
    try {
      return JSON.readTree(record);
    } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
      throw new UncheckedIOException(corrupt);
    }
  }
}
