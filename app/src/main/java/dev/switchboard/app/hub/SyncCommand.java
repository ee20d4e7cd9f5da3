package dev.switchboard.app.hub;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.reconcile.CdrSync;
import dev.switchboard.hub.tenants.Tenant;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard hub sync --from DATE --to DATE}: backfills calls from the PBX's call records.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Backfills a date range from the PBX's call records (internal/Reports/cdr): calls the"
          + " webhooks never mentioned appear, incomplete ones are completed. Safe to repeat: what is"
          + " already known changes nothing. Needs the tenant's PBX settings (tenant set-pbx).",
    })
public final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HubOptions options;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "First day (the PBX's local date).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Last day, included.")
  String to;

  @Option(
      paramLabel = "ID",
      names = "--tenant",
      defaultValue = Tenant.DEFAULT_ID,
      description = "Tenant (default: ${DEFAULT-VALUE}).")
  String tenant;

  @Override
  public Integer call() {
    LocalDate first = date("--from", from);
    LocalDate last = date("--to", to);
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    PrintWriter out = spec.commandLine().getOut();
    // The sync goes through the hub's own event writer (no server, no scheduled jobs).
    HubConfig config = options.load();
    try (Hub hub = Hub.startWriterOnly(config, Clock.systemUTC())) {
      // Checked before the progress bar starts, so the error is the only thing printed.
      if (hub.tenants().find(tenant).isEmpty()) {
        throw new IllegalArgumentException(
            "there is no tenant '" + tenant + "' (switchboard hub tenant list shows them)");
      }
      if (hub.tenants().pbx(tenant).isEmpty()) {
        throw new IllegalArgumentException(
            "tenant '"
                + tenant
                + "' has no PBX settings; set them first: SWITCHBOARD_PBX_KEY=... switchboard hub"
                + " tenant set-pbx "
                + tenant
                + " --api-url https://pbx.example.com --domain example.com");
      }
      CdrSync.Report report;
      try (ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName("Syncing " + first + ".." + last)
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" records", 1)
              .setInitialMax(-1)
              .build()) {
        report = hub.cdrSync().sync(tenant, first, last, bar::stepTo);
      }
      out.printf(
          "%d call record(s) from the PBX: %d new call(s), %d completed (the hub had not seen them"
              + " end), %d already complete given the report's details, %d already known,"
              + " %d unreadable.%n",
          report.records(),
          report.newCalls(),
          report.completed(),
          report.updated(),
          report.unchanged(),
          report.unreadable());
      return report.unreadable() == 0 ? 0 : 1;
    }
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException bad) {
      throw new IllegalArgumentException(option + ": '" + text + "' is not a date (YYYY-MM-DD)");
    }
  }
}
