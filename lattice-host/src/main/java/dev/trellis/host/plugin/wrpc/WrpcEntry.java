package dev.trellis.host.plugin.wrpc;

import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.resilience.ResilienceConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one workload entry routed over wRPC asks for, read once from its config: the target ({@code
 * wrpc:name}) and so the prefix {@code {hostgroup}.{wrpc:name}}, the call deadline ({@code
 * wrpc:timeout}), the functions that may be retried ({@code wrpc:idempotent}) and the link name the
 * calls carry (the entry's name, else {@code default}).
 *
 * @param spec the entry
 * @param name the target's name ({@code wrpc:name})
 * @param prefix the subject prefix calls go to and exports are served under
 * @param timeout the deadline of each call
 * @param idempotent function names (as the component names them) that may be retried; {@code *} for
 *     all
 * @param linkName the {@code link-name} header value
 */
record WrpcEntry(
    WitInterfaceSpec spec,
    String name,
    String prefix,
    Duration timeout,
    Set<String> idempotent,
    String linkName) {

  /** The config key with the call deadline, e.g. {@code 500ms}, {@code 2s} or {@code PT2S}. */
  static final String TIMEOUT = "wrpc:timeout";

  /**
   * The config key listing the functions that may be retried (comma-separated names as the
   * component imports them, e.g. {@code [method]bucket.get,open}), or {@code *} for every one.
   */
  static final String IDEMPOTENT = "wrpc:idempotent";

  /** The link name calls carry when the entry has no name (as wasmCloud). */
  static final String DEFAULT_LINK = "default";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  WrpcEntry {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(timeout, "timeout");
    idempotent = Set.copyOf(idempotent);
    Objects.requireNonNull(linkName, "linkName");
  }

  /**
   * The settings of {@code spec} on a host in {@code hostgroup} whose calls default to {@code
   * defaultTimeout}.
   *
   * @throws PluginException naming the entry and the key that is invalid
   */
  static WrpcEntry of(WitInterfaceSpec spec, String hostgroup, Duration defaultTimeout) {
    String name = spec.config().getOrDefault(WitInterfaceSpec.WRPC_NAME, "");
    String prefix;
    try {
      prefix = Subjects.wrpcPrefix(hostgroup, name);
    } catch (IllegalArgumentException e) {
      throw new PluginException("entry " + spec + ": " + e.getMessage(), e);
    }
    Duration timeout =
        spec.config().containsKey(TIMEOUT)
            ? duration(spec, spec.config().get(TIMEOUT))
            : defaultTimeout;
    Set<String> idempotent =
        Arrays.stream(spec.config().getOrDefault(IDEMPOTENT, "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    return new WrpcEntry(spec, name, prefix, timeout, idempotent, spec.name().orElse(DEFAULT_LINK));
  }

  /**
   * The functions of {@code instance} that may be retried, as the resilience policies take them.
   */
  ResilienceConfig.Idempotency idempotency(String instance, List<String> functions) {
    ResilienceConfig.Idempotency out = ResilienceConfig.Idempotency.none();
    if (idempotent.contains("*")) {
      return out.withInterface(instance);
    }
    for (String f : functions) {
      if (idempotent.contains(f)) {
        out = out.withFunction(instance, f);
      }
    }
    return out;
  }

  private static Duration duration(WitInterfaceSpec spec, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    Duration d;
    try {
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        d =
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              default -> Duration.ofMinutes(amount);
            };
      } else {
        d = Duration.parse(text.strip());
      }
    } catch (RuntimeException e) {
      throw badTimeout(spec, text);
    }
    if (d.isNegative() || d.isZero()) {
      throw badTimeout(spec, text);
    }
    return d;
  }

  private static PluginException badTimeout(WitInterfaceSpec spec, String text) {
    return new PluginException(
        "entry "
            + spec
            + ": "
            + TIMEOUT
            + " '"
            + text
            + "' is not a positive duration (e.g. 500ms, 2s, 1m or PT2S)");
  }
}
