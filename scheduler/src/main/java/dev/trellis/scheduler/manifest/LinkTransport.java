package dev.trellis.scheduler.manifest;

import java.util.Optional;

/**
 * How a link is carried: Trellis' extension field {@link Link#TRANSPORT_FIELD}. By default ({@link
 * #AUTO}) a link between components on one host stays in-process; {@link #WRPC} forces it over wRPC
 * even then (to reach a remote provider, or to test the network path).
 */
public enum LinkTransport {
  AUTO("auto"),
  WRPC("wrpc");

  private final String wireName;

  LinkTransport(String wireName) {
    this.wireName = wireName;
  }

  /** The value in a manifest. */
  public String wireName() {
    return wireName;
  }

  /** The transport spelled {@code value} in a manifest. */
  public static Optional<LinkTransport> fromWire(String value) {
    return switch (value) {
      case "auto" -> Optional.of(AUTO);
      case "wrpc" -> Optional.of(WRPC);
      default -> Optional.empty();
    };
  }
}
