package dev.switchboard.hub.calls;

/**
 * The report rollups' unit of time: 15 minutes of UTC, named by the epoch millisecond it starts at.
 * Every time zone's midnight and hour in use today (offsets of whole quarter hours: +05:30, +05:45)
 * falls on a bucket's start, so days and hours of any tenant are whole buckets. Stateless.
 */
public final class ReportBucket {
  /** A bucket's length in milliseconds. */
  public static final long MILLIS = 15 * 60 * 1000L;

  private ReportBucket() {}

  /** The start of the bucket holding {@code epochMillis}. */
  public static long startOf(long epochMillis) {
    return Math.floorDiv(epochMillis, MILLIS) * MILLIS;
  }
}
