package dev.switchboard.app.hub;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.calls.CallRebuild;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard hub rebuild}: recomputes every call record from the event log. */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description =
        "Recomputes every call record from the event log and reports each one that differed.")
public final class RebuildCommand implements Callable<Integer> {
  private static final int SHOWN = 20;

  @Spec CommandSpec spec;
  @Mixin HubOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = HubDatabase.open(options.load())) {
      TenantStore tenants = new TenantStore(database.jdbi(), Clock.systemUTC());
      EventLog log =
          new EventLog(
              id ->
                  new WebhookParser(
                      tenants.find(id).map(Tenant::zone).orElse(WebhookParser.DEFAULT_ZONE)));
      CallRebuild rebuild =
          new CallRebuild(database.jdbi(), log, new CallStore(database.jdbi()), database.pacing());
      CallRebuild.Report report;
      try (ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName("Rebuilding calls")
              .setInitialMax(rebuild.countCalls())
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" calls", 1)
              .build()) {
        report = rebuild.run(bar::stepTo);
      }
      out.printf(
          "%d call(s) rebuilt from the log; %d differed from what was stored (now corrected).%n",
          report.calls(), report.differences().size());
      report.differences().stream()
          .limit(SHOWN)
          .forEach(
              d ->
                  out.printf(
                      "  %s/%s%n    stored:  %s%n    rebuilt: %s%n",
                      d.tenantId(),
                      d.callId(),
                      d.stored().map(Object::toString).orElse("(none)"),
                      d.rebuilt()));
      if (report.differences().size() > SHOWN) {
        out.printf("  ... and %d more%n", report.differences().size() - SHOWN);
      }
      return 0;
    }
  }
}
