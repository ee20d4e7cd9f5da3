package dev.switchboard.app;

import dev.switchboard.app.bench.BenchCommand;
import dev.switchboard.app.conformance.ConformanceCommand;
import dev.switchboard.app.decode.DecodeCommand;
import dev.switchboard.app.demo.DemoCommand;
import dev.switchboard.app.hub.HubCommand;
import dev.switchboard.app.pbx.PbxCommand;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.ProtocolException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command: one entry point for every side of Switchboard. */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = "Connects the VoiceCloud cloud PBX to a CRM.%n",
    subcommands = {
      DemoCommand.class,
      HubCommand.class,
      PbxCommand.class,
      DecodeCommand.class,
      ConformanceCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, for tests that capture its output. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.registerConverter(Edition.class, Main::edition);
    // Wide enough that the URLs in descriptions are not broken across lines.
    commandLine.setUsageHelpWidth(110);
    commandLine.setExecutionExceptionHandler(
        (failure, line, parsed) -> {
          line.getErr()
              .println(line.getCommandSpec().qualifiedName() + ": " + UserErrors.message(failure));
          line.getErr().flush();
          return 2;
        });
    return commandLine;
  }

  private static Edition edition(String text) {
    try {
      return Edition.parse(text);
    } catch (ProtocolException unknown) {
      throw new CommandLine.TypeConversionException(unknown.getMessage());
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
