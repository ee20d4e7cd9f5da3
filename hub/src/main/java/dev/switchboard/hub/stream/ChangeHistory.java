package dev.switchboard.hub.stream;

import java.util.List;
import java.util.Optional;

/** The changes committed after a given log sequence, for a client resuming the stream. */
public interface ChangeHistory {

  /**
   * The changes after {@code lastSeq}, in sequence order, or empty when the client is too far
   * behind to catch up this way (it must reload, then reconnect without {@code Last-Event-ID}).
   */
  Optional<List<Change>> since(long lastSeq);

  /** The highest committed log sequence. */
  long lastSeq();
}
