package dev.switchboard.hub.tenants;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of networks in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}, or single
 * addresses) that requests may come from. An empty list allows every source. Immutable.
 */
public record SourceNetworks(List<String> cidrs) {
  /** Validates every entry. */
  public SourceNetworks {
    cidrs = List.copyOf(cidrs);
    for (String cidr : cidrs) {
      if (!new IPAddressString(cidr).isIPAddress()) {
        throw new IllegalArgumentException("'" + cidr + "' is not an IP address or network (CIDR)");
      }
    }
  }

  /** Every source allowed. */
  public static SourceNetworks any() {
    return new SourceNetworks(List.of());
  }

  /** Loopback only: 127.0.0.0/8 and ::1. */
  public static SourceNetworks loopback() {
    return new SourceNetworks(List.of("127.0.0.0/8", "::1/128"));
  }

  /** Parses a comma-separated list; {@code any} or an empty text allows everything. */
  public static SourceNetworks parse(String text) {
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("any")) {
      return any();
    }
    if (text.strip().equalsIgnoreCase("loopback")) {
      return loopback();
    }
    List<String> list = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        list.add(part.strip());
      }
    }
    return new SourceNetworks(list);
  }

  /** Whether {@code address} (an IP literal) falls in one of the networks. */
  public boolean allows(String address) {
    if (cidrs.isEmpty()) {
      return true;
    }
    IPAddress ip = new IPAddressString(address).getAddress();
    if (ip == null) {
      return false;
    }
    for (String cidr : cidrs) {
      IPAddress network = new IPAddressString(cidr).getAddress();
      if (network != null && network.contains(ip)) {
        return true;
      }
      if (network != null
          && ip.isIPv4Convertible()
          && ip.isIPv6()
          && network.contains(ip.toIPv4())) {
        return true;
      }
    }
    return false;
  }

  /** The comma-separated form, {@code any} when empty. */
  @Override
  public String toString() {
    return cidrs.isEmpty() ? "any" : String.join(",", cidrs);
  }
}
