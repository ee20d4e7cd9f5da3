package dev.switchboard.jmh;

import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.protocol.webhook.DecodedWebhook;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A webhook's query string to the typed event, as the intake route reads it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebhookParsing {
  private final WebhookParser parser = new WebhookParser(WebhookParser.DEFAULT_ZONE);
  private final String callIn =
      "phone=0938363739&queue=999&extension=101&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677"
          + "&event=RINGING&did=19002028";
  private final String calldata = Webhooks.calldata("5e012a75-121b-4c10-bdb4-c4b235b6a677", "101");

  /** An incoming call's {@code call_in}. */
  @Benchmark
  public DecodedWebhook callIn() {
    return RawFormat.QUERY.parse(parser, WebhookPath.CALL_IN, callIn);
  }

  /** A final record's {@code calldata}, with its date in the tenant's zone and its phone. */
  @Benchmark
  public DecodedWebhook calldata() {
    return RawFormat.QUERY.parse(parser, WebhookPath.CALLDATA, calldata);
  }
}
