package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer's mistakes print: one line that names the option or setting and the problem,
 * never a Java class name or a stack trace.
 */
class CommandErrorsTest {
  @TempDir Path folder;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var line = Main.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int exit = line.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private String db() {
    return "jdbc:sqlite:" + folder.resolve("hub.db");
  }

  private static void assertNoJavaNames(Run run) {
    assertThat(run.err())
        .doesNotContainPattern("[A-Z][a-z]+(Exception|Error)\\b")
        .doesNotContain("\tat ")
        .doesNotContain("For input string");
  }

  @Test
  void benchRefusesPhasesShorterThanASecond() {
    for (String seconds : new String[] {"0", "-3"}) {
      Run run = run("bench", "intake", "--seconds", seconds);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).contains("--seconds must be at least 1 (got " + seconds + ")");
      assertThat(run.out()).doesNotContain("NaN");
      assertNoJavaNames(run);
    }
  }

  @Test
  void benchNamesABadCallCountAndStreamClientCount() {
    Run calls = run("bench", "intake", "--calls", "0");
    assertThat(calls.exit()).isEqualTo(2);
    assertThat(calls.err()).contains("--calls must be at least 1 (got 0)");
    assertNoJavaNames(calls);
    Run clients = run("bench", "intake", "--stream-clients", "-1");
    assertThat(clients.exit()).isEqualTo(2);
    assertThat(clients.err()).contains("--stream-clients must be 0 or more (got -1)");
    assertNoJavaNames(clients);
    Run warmup = run("bench", "intake", "--warmup", "-1");
    assertThat(warmup.exit()).isEqualTo(2);
    assertThat(warmup.err()).contains("--warmup must be 0 or more (got -1)");
    assertNoJavaNames(warmup);
  }

  @Test
  void hostileBenchNamesTooFewRequests() {
    Run run = run("bench", "hostile", "--requests", "3");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--requests must be at least");
    assertNoJavaNames(run);
  }

  @Test
  void soakNamesABadAutovacuumValueAndAMissingWrk() {
    Run vacuum = run("bench", "soak", "--autovacuum", "maybe");
    assertThat(vacuum.exit()).isEqualTo(2);
    assertThat(vacuum.err()).contains("--autovacuum must be on or off (got 'maybe')");
    assertNoJavaNames(vacuum);
    Run sqlite = run("bench", "soak", "--autovacuum", "off", "--db", db());
    assertThat(sqlite.exit()).isEqualTo(2);
    assertThat(sqlite.err()).contains("--autovacuum off is for a PostgreSQL --db");
    assertNoJavaNames(sqlite);
    Run wrk = run("bench", "soak", "--db", db(), "--wrk", folder.resolve("no-wrk-here").toString());
    assertThat(wrk.exit()).isEqualTo(2);
    assertThat(wrk.err())
        .contains("cannot run")
        .contains("install wrk, or give its path with --wrk");
    assertNoJavaNames(wrk);
  }

  @Test
  void conformanceNamesABadTimeoutAndABadDialect() {
    Run timeout = run("conformance", "--crm-url", "http://127.0.0.1:9/x", "--timeout", "0");
    assertThat(timeout.exit()).isEqualTo(2);
    assertThat(timeout.err()).contains("--timeout must be at least 1 second");
    assertNoJavaNames(timeout);
    Run dialect = run("conformance", "--crm-url", "http://127.0.0.1:9/x", "--dialect", "v3");
    assertThat(dialect.exit()).isEqualTo(2);
    assertThat(dialect.err())
        .contains("Invalid value for option '--dialect'")
        .contains("unknown edition 'v3' (expected v1 or v2)");
    assertNoJavaNames(dialect);
  }

  @Test
  void aHostOfAnotherMachineIsNotCalledAPortInUse() {
    Run run = run("hub", "--host", "203.0.113.5", "--port", "0", "--db", db());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("the hub cannot listen on 203.0.113.5: it is not an address of this machine")
        .doesNotContain("in use");
    assertNoJavaNames(run);
    Run invalid = run("hub", "--host", "999.1.1.1", "--port", "0", "--db", db());
    assertThat(invalid.err()).contains("'999.1.1.1' is not an address");
    assertNoJavaNames(invalid);
  }

  @Test
  void aPortInUseIsNamedWithTheServerThatWantedIt() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
      int port = taken.getLocalPort();
      Run hub = run("hub", "--port", Integer.toString(port), "--db", db());
      assertThat(hub.exit()).isEqualTo(2);
      assertThat(hub.err()).contains("the hub cannot listen on port " + port);
      assertNoJavaNames(hub);
      Run demo =
          run(
              "demo",
              "--hub-port",
              "0",
              "--pbx-port",
              Integer.toString(port),
              "--data",
              folder.resolve("demo").toString());
      assertThat(demo.exit()).isEqualTo(2);
      assertThat(demo.err()).contains("the PBX emulator cannot listen on port " + port);
      assertNoJavaNames(demo);
    }
  }

  @Test
  void aMissingConfigFileIsSaidToBeMissing() {
    Path missing = folder.resolve("nowhere.yaml");
    Run hub = run("hub", "--config", missing.toString(), "--port", "0");
    assertThat(hub.err()).contains("config file " + missing + " does not exist");
    Run pbx = run("pbx", "--config", missing.toString(), "--port", "0");
    assertThat(pbx.err()).contains("config file " + missing + " does not exist");
  }

  @Test
  void syncWithoutPbxSettingsSaysHowToSetThemBeforeAnyProgress() {
    assertThat(run("hub", "tenant", "list", "--db", db()).exit()).isZero();
    Run run = run("hub", "sync", "--from", "2024-03-01", "--to", "2024-03-02", "--db", db());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("tenant 'default' has no PBX settings")
        .contains("tenant set-pbx default");
    assertThat(run.out() + run.err()).doesNotContain("Syncing");
    assertNoJavaNames(run);
  }
}
