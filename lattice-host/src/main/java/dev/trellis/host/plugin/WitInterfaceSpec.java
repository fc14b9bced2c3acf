package dev.trellis.host.plugin;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.InterfaceName;
import dev.trellis.proto.v2.WitInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One WIT package's interfaces as the Host API names them ({@code WitInterface}): which interfaces
 * of {@code namespace:package@version} a workload wants from the host (with their configuration),
 * or which a plugin serves. The domain form of the wire message, converted once at the boundary.
 *
 * @param namespace e.g. {@code wasi}
 * @param packageName e.g. {@code keyvalue}
 * @param version e.g. {@code 0.2.0-draft}; empty matches any version
 * @param interfaces e.g. {@code [store, atomics]}; empty means every interface of the package
 * @param config the entry's configuration (bucket names, subscriptions, {@code wrpc:name}, ...)
 * @param name picks one of several named entries of the same package (a named backend)
 */
public record WitInterfaceSpec(
    String namespace,
    String packageName,
    Optional<String> version,
    List<String> interfaces,
    Map<String, String> config,
    Optional<String> name) {

  /** The config key that hands an entry to the wRPC plugin instead of an in-process one. */
  public static final String WRPC_NAME = "wrpc:name";

  private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern TEXT =
      Pattern.compile(
          "([a-z][a-z0-9-]*):([a-z][a-z0-9-]*)(?:/([a-z][a-z0-9-]*(?:,[a-z][a-z0-9-]*)*))?"
              + "(?:@([0-9A-Za-z.+-]+))?");

  public WitInterfaceSpec {
    requireLabel("namespace", namespace);
    requireLabel("package", packageName);
    Objects.requireNonNull(version, "version");
    interfaces = List.copyOf(interfaces);
    interfaces.forEach(i -> requireLabel("interface", i));
    config = Map.copyOf(new TreeMap<>(config));
    name = Objects.requireNonNull(name, "name").filter(n -> !n.isEmpty());
  }

  /**
   * Parses {@code ns:pkg[/iface[,iface...]][@version]}, e.g. {@code
   * wasi:keyvalue/store,atomics@0.2.0-draft}.
   *
   * @throws HostException if the text has another shape
   */
  public static WitInterfaceSpec parse(String text) {
    Matcher m = TEXT.matcher(Objects.requireNonNull(text, "text"));
    if (!m.matches()) {
      throw new HostException(
          "'" + text + "' is not a WIT interface name (ns:pkg[/iface[,iface]][@version])");
    }
    List<String> interfaces = m.group(3) == null ? List.of() : List.of(m.group(3).split(","));
    return new WitInterfaceSpec(
        m.group(1),
        m.group(2),
        Optional.ofNullable(m.group(4)),
        interfaces,
        Map.of(),
        Optional.empty());
  }

  /** The domain form of a Host API {@code WitInterface}. */
  public static WitInterfaceSpec fromProto(WitInterface wire) {
    return new WitInterfaceSpec(
        wire.getNamespace(),
        wire.getPackage(),
        wire.getVersion().isEmpty() ? Optional.empty() : Optional.of(wire.getVersion()),
        wire.getInterfacesList(),
        wire.getConfigMap(),
        Optional.of(wire.getName()));
  }

  /** The Host API form. */
  public WitInterface toProto() {
    WitInterface.Builder b =
        WitInterface.newBuilder()
            .setNamespace(namespace)
            .setPackage(packageName)
            .addAllInterfaces(interfaces)
            .putAllConfig(config);
    version.ifPresent(b::setVersion);
    name.ifPresent(b::setName);
    return b.build();
  }

  /** {@code namespace:package}. */
  public String packageId() {
    return namespace + ":" + packageName;
  }

  /** Whether this entry asks for the wRPC plugin ({@value #WRPC_NAME} in its config). */
  public boolean isWrpc() {
    return config.containsKey(WRPC_NAME);
  }

  /** This entry with {@code newConfig} instead of its configuration. */
  public WitInterfaceSpec withConfig(Map<String, String> newConfig) {
    return new WitInterfaceSpec(namespace, packageName, version, interfaces, newConfig, name);
  }

  /** This entry with the given name. */
  public WitInterfaceSpec withName(String newName) {
    return new WitInterfaceSpec(
        namespace, packageName, version, interfaces, config, Optional.of(newName));
  }

  /**
   * Whether this entry covers the interface {@code qualified} ({@code ns:pkg/iface[@version]}): the
   * same package, the interface listed (or none listed), and versions that match as WASI hosts link
   * them (either direction, since the entry may name an older or newer minor of the same line).
   */
  public boolean covers(String qualified) {
    Optional<InterfaceName> parsed = InterfaceName.parse(qualified);
    if (parsed.isEmpty()) {
      return false;
    }
    String unversioned = parsed.get().unversioned();
    int slash = unversioned.indexOf('/');
    if (slash < 0 || !unversioned.substring(0, slash).equals(packageId())) {
      return false;
    }
    if (!interfaces.isEmpty() && !interfaces.contains(unversioned.substring(slash + 1))) {
      return false;
    }
    return versionMatches(parsed.get().version());
  }

  private boolean versionMatches(Optional<InterfaceName.Version> wanted) {
    if (version.isEmpty() || wanted.isEmpty()) {
      return true;
    }
    Optional<InterfaceName.Version> mine = InterfaceName.Version.parse(version.get());
    if (mine.isEmpty()) {
      return version.get().equals(wanted.get().toString());
    }
    return mine.get().satisfies(wanted.get()) || wanted.get().satisfies(mine.get());
  }

  /** {@code ns:pkg/iface@version} for every listed interface. */
  public List<String> qualifiedNames() {
    List<String> out = new ArrayList<>();
    for (String i : interfaces) {
      out.add(packageId() + "/" + i + version.map(v -> "@" + v).orElse(""));
    }
    return out;
  }

  @Override
  public String toString() {
    String list =
        switch (interfaces.size()) {
          case 0 -> "";
          case 1 -> "/" + interfaces.get(0);
          default -> "/{" + String.join(",", interfaces) + "}";
        };
    return packageId()
        + list
        + version.map(v -> "@" + v).orElse("")
        + name.map(n -> " (name " + n + ")").orElse("");
  }

  private static void requireLabel(String what, String value) {
    if (value == null || !LABEL.matcher(value).matches()) {
      throw new HostException(
          "WIT " + what + " '" + value + "' must be lower-case letters, digits and '-'");
    }
  }
}
