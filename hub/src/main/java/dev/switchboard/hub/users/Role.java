package dev.switchboard.hub.users;

import java.util.Locale;

/** What a console user may do; the API token acts as {@link #ADMIN}. */
public enum Role {
  /** Bound to one extension: own status, own calls, the missed calls of their queues. */
  AGENT,
  /** Their queues' agents and calls, pause and spy on them. */
  SUPERVISOR,
  /** Everything in the tenant, plus users and settings. */
  ADMIN;

  /** The wire name: {@code agent}, {@code supervisor}, {@code admin}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code code}, or an IllegalArgumentException naming the choices. */
  public static Role of(String code) {
    for (Role role : values()) {
      if (role.code().equals(code == null ? null : code.strip().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "role: '" + code + "' is not one of agent, supervisor, admin");
  }
}
