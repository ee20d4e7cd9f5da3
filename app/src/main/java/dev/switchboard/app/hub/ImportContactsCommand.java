package dev.switchboard.app.hub;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.contacts.ContactImport;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard hub import-contacts FILE}: imports contacts from CSV. */
@Command(
    name = "import-contacts",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Imports contacts from a CSV file with a header row: name, phones (several separated by ; or"
          + " |), and optionally company, notes, external_id, external_url.",
      "A row whose external_id is already known replaces that contact. Bad rows are skipped and"
          + " listed with their line and reason.",
    })
public final class ImportContactsCommand implements Callable<Integer> {
  private static final int SHOWN = 20;

  @Spec CommandSpec spec;
  @Mixin HubOptions options;

  @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8).")
  Path file;

  @Option(
      paramLabel = "ID",
      names = "--tenant",
      defaultValue = Tenant.DEFAULT_ID,
      description = "Tenant to import into (default: ${DEFAULT-VALUE}).")
  String tenant;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file);
    }
    long lines = countLines(file);
    try (Database database = HubDatabase.open(options.load())) {
      if (new TenantStore(database.jdbi(), Clock.systemUTC()).find(tenant).isEmpty()) {
        throw new IllegalArgumentException(
            "no tenant '"
                + tenant
                + "' (start the hub once, or add it with: switchboard hub tenant add)");
      }
      ContactImport contactImport =
          new ContactImport(
              database.jdbi(), new ContactStore(database.jdbi(), Clock.systemUTC()), tenant);
      ContactImport.Summary summary;
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          ProgressBar bar =
              new ProgressBarBuilder()
                  .setTaskName("Importing " + file.getFileName())
                  .setInitialMax(Math.max(0, lines - 1))
                  .setStyle(ProgressBarStyle.ASCII)
                  .setUnit(" rows", 1)
                  .build()) {
        summary = contactImport.run(reader, bar::stepTo);
      }
      out.printf(
          "%d row(s): %d contact(s) created, %d updated, %d rejected.%n",
          summary.rows(), summary.created(), summary.updated(), summary.rejected().size());
      summary.rejected().stream()
          .limit(SHOWN)
          .forEach(r -> out.printf("  line %d: %s%n", r.line(), r.reason()));
      if (summary.rejected().size() > SHOWN) {
        out.printf("  ... and %d more%n", summary.rejected().size() - SHOWN);
      }
      return summary.rejected().isEmpty() ? 0 : 1;
    }
  }

  private static long countLines(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }
}
