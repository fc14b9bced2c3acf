package dev.trellis.host;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * Facts about the machine a host runs on, in the spelling wasmCloud hosts use ({@code linux},
 * {@code x86_64}), for the heartbeat and the built-in {@code hostcore.*} labels.
 */
final class HostFacts {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final String hostname = resolveHostname();

  String hostname() {
    return hostname;
  }

  static String osName() {
    String name = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    if (name.startsWith("mac")) {
      return "macos";
    }
    return name.startsWith("windows") ? "windows" : name.replace(' ', '_');
  }

  static String osArch() {
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "arm64", "aarch64" -> "aarch64";
      default -> arch;
    };
  }

  static String osFamily() {
    return osName().equals("windows") ? "windows" : "unix";
  }

  static String kernel() {
    return System.getProperty("os.version", "unknown");
  }

  /** The built-in labels every host carries. */
  static Map<String, String> builtInLabels() {
    return Map.of(
        "hostcore.os", osName(), "hostcore.arch", osArch(), "hostcore.osfamily", osFamily());
  }

  static float cpuUsagePercent() {
    double load = OS.getCpuLoad();
    return load < 0 ? 0f : (float) (load * 100.0);
  }

  static long memoryTotal() {
    return OS.getTotalMemorySize();
  }

  static long memoryFree() {
    return OS.getFreeMemorySize();
  }

  private static String resolveHostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
