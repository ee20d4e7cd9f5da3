package dev.switchboard.app.demo;

import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Passwords;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.hub.users.UserStore;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import java.util.List;
import java.util.Optional;

/**
 * The demo's three console users, with passwords generated at each start: an agent of the built-in
 * call center's sales queue (101 in 999), the supervisor (100, every queue) and an admin.
 */
final class DemoUsers {
  private DemoUsers() {}

  /** A user and the password to log in with, shown in the banner. */
  record Login(User user, String password, String description) {}

  static List<Login> create(UserStore users) {
    List<Login> logins =
        List.of(
            new Login(
                new User(
                    "agent",
                    Tenant.DEFAULT_ID,
                    "Nguyễn Văn An",
                    Role.AGENT,
                    Optional.of("101"),
                    Optional.of(List.of("999")),
                    "vi"),
                Passwords.generate(),
                "extension 101, queue 999"),
            new Login(
                new User(
                    "supervisor",
                    Tenant.DEFAULT_ID,
                    "Trần Thị Bình",
                    Role.SUPERVISOR,
                    Optional.of(BuiltInCallCenter.SUPERVISOR),
                    Optional.empty(),
                    "vi"),
                Passwords.generate(),
                "extension " + BuiltInCallCenter.SUPERVISOR + ", all queues"),
            new Login(
                new User(
                    "admin",
                    Tenant.DEFAULT_ID,
                    "Quản trị",
                    Role.ADMIN,
                    Optional.empty(),
                    Optional.empty(),
                    "vi"),
                Passwords.generate(),
                "users and settings"));
    for (Login login : logins) {
      users.add(login.user(), login.password());
    }
    return logins;
  }
}
