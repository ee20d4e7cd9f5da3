package dev.switchboard.hub.stream;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which changes a stream client wants: of one tenant, one extension, one queue (each optional).
 * Agent changes have no queue: a queue filter lets them through unless an extension filter is set
 * too and does not match.
 */
public record StreamFilter(
    Optional<String> tenant, Optional<String> extension, Optional<String> queue)
    implements Predicate<Change> {

  /** Every change. */
  public static StreamFilter all() {
    return new StreamFilter(Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Override
  public boolean test(Change change) {
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
