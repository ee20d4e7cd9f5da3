package dev.switchboard.server;

import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * Where a server listens, and why it cannot: an address that is not one of this machine's, or a
 * port another program holds, said in words that name the server and the setting, instead of the
 * HTTP server's exception.
 *
 * @param server who listens, as people call it: {@code the hub}, {@code the PBX emulator}
 * @param host the address to listen on ({@code 0.0.0.0}: every address)
 * @param port the port (0: a free one)
 * @param hostSetting the setting that gives the host, e.g. {@code http.host (--host)}
 * @param portSetting the setting that gives the port, e.g. {@code http.port (--port)}
 */
public record ListenAddress(
    String server, String host, int port, String hostSetting, String portSetting) {

  /**
   * Starts the server with {@code start}, having checked that the host is an address of this
   * machine; a failure to bind becomes a {@link SettingsException} naming the host or the port.
   */
  public <T> T listen(Supplier<T> start) {
    requireLocalHost();
    try {
      return start.get();
    } catch (RuntimeException failed) {
      if (causedBy(failed, BindException.class)) {
        throw new SettingsException(
            server
                + " cannot listen on port "
                + port
                + (isAnyAddress() ? "" : " of " + host)
                + ": another program uses it ("
                + portSetting
                + " chooses another port; 0 picks a free one)",
            failed);
      }
      throw failed;
    }
  }

  private void requireLocalHost() {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException unknown) {
      throw new SettingsException(
          hostSetting + ": '" + host + "' is not an address or a host name this machine knows");
    }
    try {
      if (!address.isAnyLocalAddress()
          && !address.isLoopbackAddress()
          && NetworkInterface.getByInetAddress(address) == null) {
        throw new SettingsException(
            hostSetting
                + ": "
                + server
                + " cannot listen on "
                + host
                + ": it is not an address of this machine (0.0.0.0 listens on all of them)");
      }
    } catch (SocketException unreadable) {
      // The interfaces cannot be listed; the bind below says what it finds.
    }
  }

  private boolean isAnyAddress() {
    return host.equals("0.0.0.0") || host.equals("::") || host.isBlank();
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (kind.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
