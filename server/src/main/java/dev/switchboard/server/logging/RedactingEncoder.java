package dev.switchboard.server.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Logback's pattern encoder with {@link LogRedaction} applied to the whole formatted line, message
 * and stack trace alike: configure it in place of {@code PatternLayoutEncoder}. Thread-safe as
 * Logback requires.
 */
public final class RedactingEncoder extends PatternLayoutEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    String line = LogRedaction.redact(getLayout().doLayout(event));
    Charset charset = getCharset() == null ? StandardCharsets.UTF_8 : getCharset();
    return line.getBytes(charset);
  }
}
