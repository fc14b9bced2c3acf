package dev.trellis.proto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this Trellis build, stamped by the build into a resource, so heartbeats and {@code
 * trellis version} report what actually runs.
 */
public final class TrellisVersion {
  private static final String VERSION = load();

  private TrellisVersion() {}

  /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = TrellisVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
