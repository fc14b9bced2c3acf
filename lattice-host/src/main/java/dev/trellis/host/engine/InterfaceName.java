package dev.trellis.host.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WIT interface name {@code namespace:package/interface[@version]} with the semver matching WASI
 * hosts use to link imports: an import of {@code x@0.2.1} is satisfied by a provided {@code
 * x@0.2.6} (same {@code 0.minor}); from 1.0 on the major version must match; {@code 0.0.x} and
 * pre-releases such as {@code 0.2.0-draft} match only exactly. Build metadata is ignored.
 *
 * @param unversioned {@code namespace:package/interface}
 * @param version the version, if the name has one
 */
public record InterfaceName(String unversioned, Optional<Version> version) {
  private static final Pattern NAME =
      Pattern.compile("([a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)+/[a-z][a-z0-9-/]*)(?:@(.+))?");
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

  public InterfaceName {
    Objects.requireNonNull(unversioned, "unversioned");
    Objects.requireNonNull(version, "version");
  }

  /**
   * A semantic version.
   *
   * @param preRelease the pre-release part ({@code draft} in {@code 0.2.0-draft}), if any
   */
  public record Version(long major, long minor, long patch, Optional<String> preRelease)
      implements Comparable<Version> {
    public Version {
      Objects.requireNonNull(preRelease, "preRelease");
    }

    /** Parses {@code major.minor.patch[-pre][+build]}. */
    public static Optional<Version> parse(String text) {
      Matcher m = SEMVER.matcher(text);
      if (!m.matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new Version(
              Long.parseLong(m.group(1)),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              Optional.ofNullable(m.group(4))));
    }

    /**
     * Whether something providing this version satisfies an import of {@code wanted}: equal, or
     * neither is a pre-release and they share the major (≥ 1) or {@code 0.minor} (minor ≥ 1).
     */
    public boolean satisfies(Version wanted) {
      if (equals(wanted)) {
        return true;
      }
      if (preRelease.isPresent() || wanted.preRelease.isPresent()) {
        return false;
      }
      if (major != wanted.major) {
        return false;
      }
      if (major > 0) {
        return true;
      }
      return minor == wanted.minor && minor > 0;
    }

    @Override
    public int compareTo(Version o) {
      int c = Long.compare(major, o.major);
      if (c == 0) {
        c = Long.compare(minor, o.minor);
      }
      if (c == 0) {
        c = Long.compare(patch, o.patch);
      }
      if (c == 0 && preRelease.isPresent() != o.preRelease.isPresent()) {
        c = preRelease.isPresent() ? -1 : 1;
      }
      if (c == 0 && preRelease.isPresent()) {
        c = preRelease.get().compareTo(o.preRelease.get());
      }
      return c;
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch + preRelease.map(p -> "-" + p).orElse("");
    }
  }

  /**
   * Parses an interface name; empty for names that are not {@code ns:pkg/iface[@semver]} (a
   * world-level function name, or a malformed version).
   */
  public static Optional<InterfaceName> parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    if (m.group(2) == null) {
      return Optional.of(new InterfaceName(m.group(1), Optional.empty()));
    }
    return Version.parse(m.group(2)).map(v -> new InterfaceName(m.group(1), Optional.of(v)));
  }

  /**
   * Whether an interface provided under this name satisfies an import of {@code wanted}: the same
   * unversioned name and versions that match as described on {@link InterfaceName}.
   */
  public boolean satisfies(InterfaceName wanted) {
    if (!unversioned.equals(wanted.unversioned)) {
      return false;
    }
    if (version.isEmpty() || wanted.version.isEmpty()) {
      return version.isEmpty() && wanted.version.isEmpty();
    }
    return version.get().satisfies(wanted.version.get());
  }

  /** Whether this is a WASI interface ({@code wasi:} namespace). */
  public boolean isWasi() {
    return unversioned.startsWith("wasi:");
  }

  @Override
  public String toString() {
    return unversioned + version.map(v -> "@" + v).orElse("");
  }
}
