package dev.switchboard.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Lines written through the encoder, by any logger, carry no secret. */
class RedactingEncoderTest {
  private static final String TOKEN = "7qCipEVYOefqxS4Hj2mK9zQ1bN8vW3rT6yU0aL5dF2c";

  private static String logged(Runnable logging) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RedactingEncoder encoder = new RedactingEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level %logger{0} - %msg%n");
    encoder.start();
    OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    try {
      logging.run();
    } finally {
      root.detachAppender(appender);
      appender.stop();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void webhookTokensInPathsAreMaskedInMessagesAndStackTraces() {
    org.slf4j.Logger jetty =
        LoggerFactory.getLogger("org.eclipse.jetty.server.handler.ErrorHandler");
    String text =
        logged(
            () -> {
              jetty.warn(
                  "Error page too large: 431 Request Header Fields Too Large /hooks/{}/api/x",
                  TOKEN);
              jetty.warn(
                  "failed",
                  new IllegalStateException("GET http://hub:8080/hooks/" + TOKEN + "?callid=1"));
            });
    assertThat(text).doesNotContain(TOKEN).contains("/hooks/***/api/x").contains("/hooks/***?");
  }

  @Test
  void bearerTokensKeysInPathsJsonAndQueriesAreMasked() {
    org.slf4j.Logger any = LoggerFactory.getLogger("any.library");
    String text =
        logged(
            () -> {
              any.warn("header Authorization: Bearer {}", TOKEN);
              any.warn(
                  "GET /api/CallControl/dial/from_number/101/to_number/09/key/{}/domain/a", TOKEN);
              any.warn("body {\"key\" : \"{}\", \"exten\":\"101\"}", TOKEN);
              any.warn("echo {\"message\":\"bad {\\\"key\\\":\\\"{}\\\"}\"}", TOKEN);
              any.warn("query ?a=1&key={}&b=2", TOKEN);
            });
    assertThat(text).doesNotContain(TOKEN);
    assertThat(text.lines().filter(line -> line.contains("***")).count()).isEqualTo(5);
    assertThat(text).contains("\"exten\":\"101\"").contains("&b=2").contains("/domain/a");
  }

  @Test
  void registeredSecretsAreMaskedWhereverTheyAppear() {
    String secret = "a-company-key-registered-" + System.nanoTime();
    LogRedaction.hide(List.of(secret, "short"));
    String text =
        logged(() -> LoggerFactory.getLogger("x").warn("the PBX said: unknown {} here", secret));
    assertThat(text).doesNotContain(secret).contains("unknown *** here");
    assertThat(LogRedaction.redact("a short word")).isEqualTo("a short word");
  }
}
