package dev.switchboard.app.hub;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Passwords;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.hub.users.UserStore;
import dev.switchboard.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard hub user add|list|remove|passwd|role}: the console's users. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description =
        "Manages the console's users: agents (one extension), supervisors (their queues) and"
            + " admins. Passwords are stored as Argon2id hashes and never shown again.",
    subcommands = {
      UserCommand.Add.class,
      UserCommand.ListUsers.class,
      UserCommand.Remove.class,
      UserCommand.Passwd.class,
      UserCommand.ChangeRole.class
    })
public final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** How a command gets a new password: standard input, a prompt, or generated. */
  static final class PasswordSource {
    @Option(
        names = "--password-stdin",
        description = "Read the password from the first line of standard input.")
    boolean stdin;

    /**
     * The password: read from standard input, else typed at a prompt (twice) when there is a
     * console, else generated and printed once.
     */
    String obtain(PrintWriter out) {
      if (stdin) {
        try {
          String line =
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                  .readLine();
          if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: standard input was empty");
          }
          Passwords.validate(line);
          return line;
        } catch (IOException unreadable) {
          throw new UncheckedIOException(unreadable);
        }
      }
      java.io.Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("Password (at least %d characters): ", 8);
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !new String(first).equals(new String(second))) {
          throw new IllegalArgumentException("the two passwords differ");
        }
        String password = new String(first);
        Passwords.validate(password);
        return password;
      }
      String generated = Passwords.generate();
      out.printf("password (generated; shown once): %s%n", generated);
      return generated;
    }
  }

  /** {@code user add NAME --role ROLE [--extension EXT] [--queues Q,..] [--name NAME]}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Adds a user (password from --password-stdin, a prompt, or generated).")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;
    @Mixin PasswordSource password;

    @Parameters(paramLabel = "USERNAME", description = "Log-in name: lower-case letters, digits.")
    String username;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "agent, supervisor or admin.")
    String role;

    @Option(
        names = "--extension",
        paramLabel = "EXT",
        description = "The user's own extension (required for an agent).")
    String extension;

    @Option(
        names = "--queues",
        paramLabel = "Q,...",
        description = "The queues the user watches, comma-separated (default: all).")
    String queues;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
    String name;

    @Option(
        names = "--tenant",
        paramLabel = "ID",
        defaultValue = Tenant.DEFAULT_ID,
        description = "The user's tenant (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      User user =
          new User(
              username,
              tenant,
              name,
              Role.of(role),
              Optional.ofNullable(extension),
              User.queueList(queues),
              "vi");
      String secret = password.obtain(out);
      try (Database database = HubDatabase.open(options.load())) {
        new UserStore(database.jdbi(), Clock.systemUTC()).add(user, secret);
      }
      out.printf("user %s added: %s%n", username, describe(user));
      return 0;
    }
  }

  /** {@code user list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
  static final class ListUsers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database database = HubDatabase.open(options.load())) {
        out.printf(
            "%-16s %-11s %-9s %-16s %-10s %s%n",
            "USERNAME", "ROLE", "EXTENSION", "QUEUES", "TENANT", "NAME");
        for (User user : new UserStore(database.jdbi(), Clock.systemUTC()).list()) {
          out.printf(
              "%-16s %-11s %-9s %-16s %-10s %s%n",
              user.username(),
              user.role().code(),
              user.extension().orElse("-"),
              user.queues().map(q -> String.join(",", q)).orElse("all"),
              user.tenantId(),
              user.displayName());
        }
      }
      return 0;
    }
  }

  /** {@code user remove NAME}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Removes a user and ends their sessions.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;

    @Parameters(paramLabel = "USERNAME", description = "The user.")
    String username;

    @Override
    public Integer call() {
      try (Database database = HubDatabase.open(options.load())) {
        new UserStore(database.jdbi(), Clock.systemUTC()).remove(username);
      }
      spec.commandLine().getOut().printf("user %s removed; their sessions are ended%n", username);
      return 0;
    }
  }

  /** {@code user passwd NAME}. */
  @Command(
      name = "passwd",
      mixinStandardHelpOptions = true,
      description =
          "Sets a user's password (from --password-stdin, a prompt, or generated) and ends their"
              + " sessions.")
  static final class Passwd implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;
    @Mixin PasswordSource password;

    @Parameters(paramLabel = "USERNAME", description = "The user.")
    String username;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database database = HubDatabase.open(options.load())) {
        UserStore users = new UserStore(database.jdbi(), Clock.systemUTC());
        if (users.find(username).isEmpty()) {
          throw new IllegalArgumentException("no user '" + username + "'");
        }
        users.setPassword(username, password.obtain(out));
      }
      out.printf("user %s has a new password; their sessions are ended%n", username);
      return 0;
    }
  }

  /** {@code user role NAME --role ROLE [--extension EXT] [--queues Q,..]}. */
  @Command(
      name = "role",
      mixinStandardHelpOptions = true,
      description = "Changes a user's role, extension or queues.")
  static final class ChangeRole implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HubOptions options;

    @Parameters(paramLabel = "USERNAME", description = "The user.")
    String username;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "agent, supervisor or admin.")
    String role;

    @Option(
        names = "--extension",
        paramLabel = "EXT",
        description = "The user's own extension (kept when not given; 'none' to clear).")
    String extension;

    @Option(
        names = "--queues",
        paramLabel = "Q,...",
        description = "The queues, comma-separated, or 'all' (kept when not given).")
    String queues;

    @Override
    public Integer call() {
      try (Database database = HubDatabase.open(options.load())) {
        UserStore users = new UserStore(database.jdbi(), Clock.systemUTC());
        User before =
            users
                .find(username)
                .orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
        User after =
            new User(
                before.username(),
                before.tenantId(),
                before.displayName(),
                Role.of(role),
                extension == null
                    ? before.extension()
                    : extension.equalsIgnoreCase("none")
                        ? Optional.empty()
                        : Optional.of(extension),
                queues == null ? before.queues() : User.queueList(queues),
                before.language());
        users.update(after);
        spec.commandLine().getOut().printf("user %s is now %s%n", username, describe(after));
      }
      return 0;
    }
  }

  static String describe(User user) {
    return user.role().code()
        + user.extension().map(ext -> ", extension " + ext).orElse("")
        + ", "
        + user.queues().map(q -> "queues " + String.join(",", q)).orElse("all queues");
  }
}
