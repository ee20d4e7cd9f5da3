package dev.switchboard.app.hub;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard hub}: runs the CRM side until stopped (Ctrl-C). */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Runs the hub, the CRM side: receives VoiceCloud webhooks, keeps one record per call, serves"
          + " the REST API (/v1) and the live stream (/v1/stream).",
      "",
      "Settings come from flags, then SWITCHBOARD_* environment variables, then --config FILE,"
          + " then defaults (docs/configuration.md).",
    },
    subcommands = {
      TenantCommand.class,
      RebuildCommand.class,
      ImportContactsCommand.class,
      SyncCommand.class,
      UserCommand.class
    })
public final class HubCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HubOptions options;
  @Mixin HubServerOptions server;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    HubConfig config = options.load(server.settings());
    Hub hub = Hub.start(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  hub.close();
                  stopped.countDown();
                },
                "hub-shutdown"));
    StartupBanner.print(
        out, hub, SwitchboardVersion.version(), (System.nanoTime() - started) / 1_000_000);
    stopped.await();
    return 0;
  }
}
