package dev.switchboard.hub.reports;

/**
 * One row of the rollups: a 15-minute bucket, a queue, and an agent ({@code ""} for the queue's own
 * figures).
 *
 * @param bucket the bucket's start, epoch milliseconds
 * @param queue the queue
 * @param agent the agent's extension, or {@code ""}
 */
record Slice(long bucket, String queue, String agent) {
  static final String QUEUE_ROW = "";
}
