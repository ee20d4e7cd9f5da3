package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.calls.CallRebuild;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hub rebuild} is a fixed point: over a log of a varied mix (both editions' seed examples,
 * JSON and form bodies, out-of-order and repeated deliveries, non-ASCII text, a sweep, and text
 * that is not valid Unicode, which is refused), recomputing every call finds nothing to change, and
 * doing it again neither.
 */
class RebuildFixedPointTest {
  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));

  @Test
  void rebuildingTwiceInARowFindsNoDifference() {
    try (TestHub hub =
        TestHub.start(
            TestDatabases.sqlite(folder),
            clock,
            config ->
                config.withIntake(
                    new HubConfig.Intake(
                        config.intake().bareSeedPaths(), 10_000, 10_000, 10_000, 500)))) {
      for (String path : HubContract.SEED_PATHS) {
        assertThat(hub.webhook(path).status()).as(path).isEqualTo(200);
      }
      String call = "7a1c2b3d-0000-4000-8000-00000000000";
      // Out of order, twice over, with Vietnamese text percent-encoded.
      hub.webhook("/api/callcenter/hangup?callid=" + call + "1");
      hub.webhook("/api/callcenter/call_in?phone=0938363739&extension=101&callid=" + call + "1");
      hub.webhook("/api/callcenter/hangup?callid=" + call + "1");
      hub.webhook(
          "/api/callcenter/calldata?callid="
              + call
              + "1&calldate=2024-03-01 13:15:40&duration=50&billsec=37&status=ANSWER"
              + "&extension=101&phone=0938363739&queue=H%C3%A0%20N%E1%BB%99i");
      // JSON and form bodies, an emoji (a valid surrogate pair) among them.
      assertThat(
              hub.postWebhook(
                      "/api/callcenter/init",
                      "application/json",
                      "{\"extension\":\"102\",\"phone\":\"0938363740\",\"callid\":\""
                          + call
                          + "2\",\"event\":\"RINGING\",\"note\":\"\\ud83d\\ude00\"}")
                  .status())
          .isEqualTo(200);
      assertThat(
              hub.postWebhook(
                      "/api/callcenter/call_in",
                      "application/x-www-form-urlencoded",
                      "phone=0938363741&queue=999&extension=103&callid=" + call + "3")
                  .status())
          .isEqualTo(200);
      hub.webhook("/api/Agent/ChangeStatus?extension=103&status=on");
      // A lone surrogate cannot be stored as it came: refused, naming the field.
      TestHub.Reply lone =
          hub.postWebhook(
              "/api/callcenter/init",
              "application/json",
              "{\"phone\":\"\\ud83d\",\"extension\":\"104\",\"callid\":\"" + call + "4\"}");
      assertThat(lone.status()).isEqualTo(400);
      assertThat(lone.body())
          .isEqualTo(
              "{\"status code\":400,\"message\":\"field phone: is not valid Unicode text (a lone"
                  + " surrogate \\\\ud83d at character 1); send UTF-8 text\"}");
      // A call that never ends is swept.
      clock.advance(Duration.ofHours(5));
      hub.hub.sweeper().runOnce();

      CallRebuild rebuild =
          new CallRebuild(
              hub.hub.database().jdbi(),
              new EventLog(
                  tenant ->
                      new WebhookParser(
                          hub.hub
                              .tenants()
                              .find(tenant)
                              .map(Tenant::zone)
                              .orElse(WebhookParser.DEFAULT_ZONE))),
              new CallStore(hub.hub.database().jdbi()));
      CallRebuild.Report first = rebuild.run(done -> {});
      CallRebuild.Report second = rebuild.run(done -> {});
      assertThat(first.calls()).isGreaterThanOrEqualTo(5);
      assertThat(first.differences()).isEmpty();
      assertThat(second.differences()).isEmpty();
    }
  }
}
