package dev.switchboard.app.hub;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.contacts.ContactImport;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
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
      "Imports contacts from a CSV file (UTF-8; Excel's \"CSV UTF-8\" works) with a header row:"
          + " name, phones (several separated by ; or |), and optionally company, notes,"
          + " external_id, external_url, owner_extension.",
      "Importing the same file again keeps every contact and its id: a row updates the contact"
          + " with its external_id or, without one, the contact without an external_id that has"
          + " one of its phones. Bad rows (a phone no caller could match, a missing name...) are"
          + " skipped and listed with their line and reason.",
    })
public final class ImportContactsCommand implements Callable<Integer> {
  private static final int SHOWN = 20;

  @Spec CommandSpec spec;
  @Mixin HubOptions options;

  @Parameters(paramLabel = "FILE", description = "The CSV file, in UTF-8.")
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
    long records;
    try (InputStream in = Files.newInputStream(file)) {
      records = ContactImport.countRecords(in); // refuses a file that is not UTF-8, by line
    }
    try (Database database = HubDatabase.open(options.load())) {
      if (new TenantStore(database.jdbi(), Clock.systemUTC()).find(tenant).isEmpty()) {
        throw new IllegalArgumentException(
            "no tenant '"
                + tenant
                + "' (start the hub once, or add it with: switchboard hub tenant add)");
      }
      ContactImport contactImport =
          new ContactImport(
              database.jdbi(),
              new ContactStore(database.jdbi(), Clock.systemUTC()),
              tenant,
              database.pacing());
      ContactImport.Summary summary;
      try (InputStream in = Files.newInputStream(file);
          ProgressBar bar =
              new ProgressBarBuilder()
                  .setTaskName("Importing " + file.getFileName())
                  .setInitialMax(records)
                  .setStyle(ProgressBarStyle.ASCII)
                  .setUnit(" rows", 1)
                  .build()) {
        summary = contactImport.run(in, bar::stepTo);
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
}
