package dev.switchboard.hub.stream;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which changes a stream client wants: of one tenant, one extension, one queue (each optional).
 * Agent changes have no queue: a queue filter lets them through unless an extension filter is set
 * too and does not match. {@code scope} is what the caller may see (a console user's role and
 * queues), applied before the client's own filter.
 */
public record StreamFilter(
    Optional<String> tenant,
    Optional<String> extension,
    Optional<String> queue,
    Predicate<Change> scope)
    implements Predicate<Change> {

  /** The client's filter within no scope: every change it asks for. */
  public StreamFilter(Optional<String> tenant, Optional<String> extension, Optional<String> queue) {
    this(tenant, extension, queue, change -> true);
  }

  /** Every change. */
  public static StreamFilter all() {
    return new StreamFilter(Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Override
  public boolean test(Change change) {
    if (!scope.test(change)) {
      return false;
    }
    if (tenant.isPresent() && !tenant.get().equals(change.tenantId())) {
      return false;
    }
    if (extension.isPresent() && !change.extensions().contains(extension.get())) {
      return false;
    }
    return queue.isEmpty()
        || change.kind() == Change.Kind.AGENT
        || change.queue().filter(queue.get()::equals).isPresent();
  }
}
