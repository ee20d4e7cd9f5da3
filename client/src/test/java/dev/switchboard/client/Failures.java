package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.protocol.api.PbxKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Every exception a test expects goes through {@link #expect}, which checks its type and that no
 * key shows anywhere in it: message, {@code toString}, causes, the printed stack trace.
 */
final class Failures {
  private Failures() {}

  /**
   * What {@code call} throws, which must be a {@code type} that does not show any of {@code keys}.
   */
  static <T extends Throwable> T expect(Class<T> type, ThrowingCallable call, PbxKey... keys) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(type);
    assertNoKeyIn(thrown, keys);
    return type.cast(thrown);
  }

  /** Fails if any of {@code keys}, as is or encoded, shows in {@code thrown} or its causes. */
  static void assertNoKeyIn(Throwable thrown, PbxKey... keys) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    for (PbxKey key : keys) {
      for (Throwable each = thrown; each != null; each = each.getCause()) {
        assertThat(String.valueOf(each.getMessage())).doesNotContain(key.value());
        assertThat(each.toString()).doesNotContain(key.value());
      }
      assertThat(trace.toString())
          .doesNotContain(key.value())
          .doesNotContain(URLEncoder.encode(key.value(), StandardCharsets.UTF_8));
    }
  }
}
