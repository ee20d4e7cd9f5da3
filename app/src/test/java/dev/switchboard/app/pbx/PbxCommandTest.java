package dev.switchboard.app.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PbxCommandTest {

  @Test
  void refusedTriesComeFromTheFlagAndDefaultToThree() {
    assertThat(parsed().load().delivery().refusedTries()).isEqualTo(3);
    assertThat(parsed("--refused-tries", "5").load().delivery().refusedTries()).isEqualTo(5);
  }

  @Test
  void refusedTriesOutOfRangeAreNamed() {
    PbxCommand command = parsed("--refused-tries", "0");
    assertThatThrownBy(command::load)
        .isInstanceOf(dev.switchboard.server.SettingsException.class)
        .hasMessage("dispatch.refused_tries: must be between 1 and 100 (got 0)");
  }

  private static PbxCommand parsed(String... args) {
    PbxCommand command = new PbxCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
