package dev.switchboard.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a benchmark ran on: cores, memory, JDK, and the 1-minute load average before and
 * after, so a figure can be read against what else the machine was doing.
 */
record Machine(int cores, long memoryBytes, String jdk, double loadBefore, double loadAfter) {

  /** The machine now; {@link #finished()} records the load average after the run. */
  static Machine now() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    long memory =
        os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("java.vm.vendor", "?") + " " + Runtime.version(),
        os.getSystemLoadAverage(),
        Double.NaN);
  }

  Machine finished() {
    return new Machine(
        cores,
        memoryBytes,
        jdk,
        loadBefore,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * Whether other work shared the machine: a load average before the run of more than half the
   * cores (something else was running), or after it of more than the cores plus one (the run's own
   * threads are at most about the cores).
   */
  boolean busy() {
    return loadBefore > cores / 2.0 || loadAfter > cores + 1.0;
  }

  /** One line: {@code 2 cores, 23.5 GiB, JDK ..., load average 0.41 before, 1.90 after}. */
  String describe() {
    return String.format(
        "%d cores, %.1f GiB, JDK %s, load average %.2f before, %s after",
        cores,
        memoryBytes / (1024.0 * 1024 * 1024),
        jdk,
        loadBefore,
        Double.isNaN(loadAfter) ? "?" : String.format("%.2f", loadAfter));
  }

  /** A warning line when {@link #busy()}, else empty. */
  String warning() {
    return busy()
        ? String.format(
            "WARNING: the machine was busy (load average %.2f before, %.2f after, %d cores): other"
                + " work shared the CPU and the figures are lower and noisier than this machine's"
                + " own; run again on an idle machine",
            loadBefore, loadAfter, cores)
        : "";
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cores", cores);
    json.put("memory_bytes", memoryBytes);
    json.put("jdk", jdk);
    json.put("load_before", loadBefore);
    json.put("load_after", Double.isNaN(loadAfter) ? null : loadAfter);
    json.put("busy", busy());
    return json;
  }
}
