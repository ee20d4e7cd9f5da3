package dev.switchboard.hub.stream;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Where the event writer hands each batch's changes: inside the batch's transaction (for a
 * publisher that stores them with the events) and once it has committed. Implementations are
 * thread-safe.
 */
public interface ChangePublisher {

  /** Called in the batch's transaction, before its commit, with the changes in log order. */
  void beforeCommit(Handle handle, List<Change> changes);

  /** Called once the batch has committed, with the same changes. */
  void afterCommit(List<Change> changes);

  /**
   * Whether a change only a live client would use (a screen-pop) must be computed: somebody may be
   * listening, on this node or, for a shared publisher, on another.
   */
  boolean anyoneListening();

  /** One node alone: changes go straight to this process's stream clients after the commit. */
  static ChangePublisher local(ChangeFeed feed) {
    return new ChangePublisher() {
      @Override
      public void beforeCommit(Handle handle, List<Change> changes) {}

      @Override
      public void afterCommit(List<Change> changes) {
        if (!changes.isEmpty()) {
          feed.publish(changes);
        }
      }

      @Override
      public boolean anyoneListening() {
        return feed.clients() > 0;
      }
    };
  }
}
