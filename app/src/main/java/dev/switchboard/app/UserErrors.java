package dev.switchboard.app;

import dev.switchboard.client.PbxClientException;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.server.SettingsException;
import dev.switchboard.store.StoreException;

/** Turns a failure into the one line a person reads: what went wrong, not a stack trace. */
final class UserErrors {
  private UserErrors() {}

  static String message(Throwable failure) {
    if (failure instanceof SettingsException
        || failure instanceof StoreException
        || failure instanceof ProtocolException
        || failure instanceof PbxClientException
        || failure instanceof IllegalArgumentException) {
      return failure.getMessage();
    }
    if (failure instanceof java.io.UncheckedIOException || failure instanceof java.io.IOException) {
      return "I/O error: " + failure.getMessage();
    }
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return failure.getClass().getSimpleName()
        + ": "
        + (cause.getMessage() == null ? failure : cause.getMessage());
  }
}
