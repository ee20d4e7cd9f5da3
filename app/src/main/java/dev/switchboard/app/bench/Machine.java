package dev.switchboard.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The machine a benchmark ran on: cores, memory, JDK, the 1-minute load average before and after,
 * and how much of the CPU other processes used while it ran, so a figure can be read against what
 * else the machine was doing.
 *
 * @param otherShare the share of all cores' time that processes other than this one used between
 *     {@link #now()} and {@link #finished}, 0 to 1 (empty before, or off Linux)
 */
record Machine(
    int cores,
    long memoryBytes,
    String jdk,
    double loadBefore,
    double loadAfter,
    long startedNanos,
    long[] cpuBefore,
    long processCpuBefore,
    OptionalDouble otherShare) {

  /** Above this share of the CPU used by other processes, the figures are marked as disturbed. */
  static final double BUSY_SHARE = 0.25;

  /** The machine now; {@link #finished} records what happened during the run. */
  static Machine now() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    long memory =
        os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("java.vm.vendor", "?") + " " + Runtime.version(),
        os.getSystemLoadAverage(),
        Double.NaN,
        System.nanoTime(),
        cpuTicks(),
        processCpuNanos(),
        OptionalDouble.empty());
  }

  /**
   * The machine after the run: its load average, and the share of the CPU other processes used
   * meanwhile ({@code /proc/stat}'s busy time less this process's own CPU time).
   */
  Machine finished() {
    OptionalDouble other = OptionalDouble.empty();
    long[] after = cpuTicks();
    if (cpuBefore != null && after != null) {
      double ticksPerSecond = 100.0; // USER_HZ, 100 on Linux
      double busySeconds = ((after[0] - after[1]) - (cpuBefore[0] - cpuBefore[1])) / ticksPerSecond;
      double ownSeconds = (processCpuNanos() - processCpuBefore) / 1e9;
      double wallSeconds = (System.nanoTime() - startedNanos) / 1e9;
      other =
          OptionalDouble.of(
              Math.max(0, Math.min(1, (busySeconds - ownSeconds) / (wallSeconds * cores))));
    }
    return new Machine(
        cores,
        memoryBytes,
        jdk,
        loadBefore,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        startedNanos,
        cpuBefore,
        processCpuBefore,
        other);
  }

  /** Whether other processes used more than {@link #BUSY_SHARE} of the CPU during the run. */
  boolean busy() {
    return otherShare.isPresent() && otherShare.getAsDouble() > BUSY_SHARE;
  }

  /** One line: cores, memory, JDK, load averages and, after the run, the other processes' share. */
  String describe() {
    return String.format(
        "%d cores, %.1f GiB, JDK %s, load average %.2f before, %s after%s",
        cores,
        memoryBytes / (1024.0 * 1024 * 1024),
        jdk,
        loadBefore,
        Double.isNaN(loadAfter) ? "?" : String.format("%.2f", loadAfter),
        otherShare.isPresent()
            ? String.format(
                "; other processes used %.0f%% of the CPU meanwhile",
                100 * otherShare.getAsDouble())
            : "");
  }

  /** A warning line when {@link #busy()}, else empty. */
  String warning() {
    return busy()
        ? String.format(
            "WARNING: other processes used %.0f%% of the CPU during the run (a database server on"
                + " this machine counts as other): the figures are lower and noisier than this"
                + " machine's own; run again on an idle machine",
            100 * otherShare.getAsDouble())
        : "";
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cores", cores);
    json.put("memory_bytes", memoryBytes);
    json.put("jdk", jdk);
    json.put("load_before", loadBefore);
    json.put("load_after", Double.isNaN(loadAfter) ? null : loadAfter);
    json.put("other_processes_cpu_share", otherShare.isPresent() ? otherShare.getAsDouble() : null);
    json.put("busy", busy());
    return json;
  }

  /**
   * All cores' ticks since boot: {total, idle + iowait}, from {@code /proc/stat}; null off Linux.
   */
  private static long[] cpuTicks() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        total += Long.parseLong(cpu[i]);
      }
      return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
    } catch (IOException | RuntimeException noProcStat) {
      return null;
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : 0;
  }
}
