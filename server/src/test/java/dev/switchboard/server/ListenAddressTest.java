package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  private static ServerSocket bind(String host, int port) {
    try {
      return new ServerSocket(port, 50, InetAddress.getByName(host));
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  @Test
  void aPortInUseIsNamedWithTheServerAndTheSetting() throws IOException {
    try (ServerSocket taken = bind("127.0.0.1", 0)) {
      int port = taken.getLocalPort();
      ListenAddress address =
          new ListenAddress(
              "the hub", "127.0.0.1", port, "http.host (--host)", "http.port (--port)");
      assertThatThrownBy(() -> address.listen(() -> bind("127.0.0.1", port)))
          .isInstanceOf(SettingsException.class)
          .hasMessage(
              "the hub cannot listen on port "
                  + port
                  + " of 127.0.0.1: another program uses it (http.port (--port) chooses another"
                  + " port; 0 picks a free one)");
    }
  }

  @Test
  void anAddressOfAnotherMachineIsNamedAsSuchNotAsAPortInUse() {
    // 203.0.113.0/24 is TEST-NET-3: never an address of this machine.
    ListenAddress address =
        new ListenAddress("the PBX emulator", "203.0.113.7", 8090, "http.host", "http.port");
    assertThatThrownBy(() -> address.listen(() -> bind("203.0.113.7", 8090)))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("http.host: the PBX emulator cannot listen on 203.0.113.7")
        .hasMessageContaining("not an address of this machine")
        .hasMessageNotContaining("port");
  }

  @Test
  void anAddressThatIsNoAddressIsNamed() {
    ListenAddress address =
        new ListenAddress("the hub", "999.1.1.1", 8080, "http.host", "http.port");
    assertThatThrownBy(() -> address.listen(() -> bind("999.1.1.1", 8080)))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("http.host: '999.1.1.1' is not an address");
  }

  @Test
  void aFreePortOnALocalAddressStarts() throws IOException {
    ListenAddress address = new ListenAddress("the hub", "0.0.0.0", 0, "http.host", "http.port");
    try (ServerSocket started = address.listen(() -> bind("0.0.0.0", 0))) {
      assertThat(started.getLocalPort()).isPositive();
    }
  }
}
