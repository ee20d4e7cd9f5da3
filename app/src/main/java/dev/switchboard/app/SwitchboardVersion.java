package dev.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, from the build. */
public final class SwitchboardVersion implements IVersionProvider {

  /** The project version the jar was built from, or {@code unknown}. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in =
        SwitchboardVersion.class.getResourceAsStream("/switchboard-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException unreadable) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "switchboard " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"
    };
  }
}
