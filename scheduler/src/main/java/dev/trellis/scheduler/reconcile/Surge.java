package dev.trellis.scheduler.reconcile;

import java.util.Map;
import java.util.Optional;

/**
 * The surge bound of a rollout: how many instances beyond the desired count a scaler may start
 * while replacing outdated ones. Set per application with the annotation {@value #ANNOTATION}
 * ({@code "2"} or {@code "50%"} of the instances, rounded up); the default is {@value #DEFAULT}. At
 * least one, or a rollout could never start a new instance before stopping an old one.
 */
public final class Surge {
  /** The application annotation holding the bound. */
  public static final String ANNOTATION = "trellis.dev/max-surge";

  /** The bound when the annotation is absent or unreadable. */
  public static final String DEFAULT = "25%";

  private Surge() {}

  /** The bound for a scaler of {@code instances} in an app annotated {@code annotations}. */
  public static int of(Map<String, String> annotations, int instances) {
    String value = Optional.ofNullable(annotations.get(ANNOTATION)).orElse(DEFAULT).strip();
    return Math.max(
        1, parse(value, instances).orElseGet(() -> parse(DEFAULT, instances).orElse(1)));
  }

  private static Optional<Integer> parse(String value, int instances) {
    try {
      if (value.endsWith("%")) {
        long percent = Long.parseLong(value.substring(0, value.length() - 1).strip());
        return Optional.of((int) Math.min(Integer.MAX_VALUE, (instances * percent + 99) / 100));
      }
      return Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
