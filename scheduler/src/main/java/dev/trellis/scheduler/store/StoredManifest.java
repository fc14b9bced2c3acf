package dev.trellis.scheduler.store;

import dev.trellis.scheduler.manifest.Application;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One application as stored: all its versions in the order they were put (the last is the newest)
 * and the version that is deployed, if any. The value wadm keeps per application ({@code
 * StoredManifest}); immutable, every change returns a new one, so a compare-and-swap loop can
 * recompute a change from a fresh read.
 *
 * @param name the application's name, shared by every version
 * @param versions every stored version, oldest first, never empty
 * @param deployedVersion the deployed version, one of {@code versions}
 */
public record StoredManifest(
    String name, List<Application> versions, Optional<String> deployedVersion) {
  /** The version word that means "the newest", never a real version. */
  public static final String LATEST = "latest";

  public StoredManifest {
    Objects.requireNonNull(name, "name");
    versions = List.copyOf(versions);
    Objects.requireNonNull(deployedVersion, "deployedVersion");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("application " + name + " has no versions");
    }
    Set<String> seen = new HashSet<>();
    for (Application version : versions) {
      if (!version.name().equals(name)) {
        throw new IllegalArgumentException(
            "version "
                + version.version()
                + " is of application "
                + version.name()
                + ", not "
                + name);
      }
      if (!seen.add(version.version())) {
        throw new IllegalArgumentException(
            "application " + name + " has version " + version.version() + " twice");
      }
    }
    deployedVersion.ifPresent(
        deployed -> {
          if (!seen.contains(deployed)) {
            throw new IllegalArgumentException(
                "application " + name + " deploys version " + deployed + " which it does not have");
          }
        });
  }

  /** A new application with one, undeployed, version. */
  public static StoredManifest first(Application application) {
    return new StoredManifest(application.name(), List.of(application), Optional.empty());
  }

  /** The newest version. */
  public Application current() {
    return versions.getLast();
  }

  /** The newest version's name. */
  public String currentVersion() {
    return current().version();
  }

  /** The version called {@code version}; {@value #LATEST} means the newest. */
  public Optional<Application> version(String version) {
    if (LATEST.equals(version)) {
      return Optional.of(current());
    }
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  /** Whether a version of this name is stored ({@value #LATEST} is never stored). */
  public boolean hasVersion(String version) {
    return versions.stream().anyMatch(v -> v.version().equals(version));
  }

  /** The deployed version's manifest, if one is deployed. */
  public Optional<Application> deployed() {
    return deployedVersion.flatMap(this::version);
  }

  /** Whether {@code version} is the deployed one. */
  public boolean isDeployed(String version) {
    return deployedVersion.filter(version::equals).isPresent();
  }

  /** The version names, oldest first. */
  public List<String> versionNames() {
    return versions.stream().map(Application::version).toList();
  }

  /** This application with {@code application} as its newest version; empty if that exists. */
  public Optional<StoredManifest> withVersion(Application application) {
    if (hasVersion(application.version())) {
      return Optional.empty();
    }
    List<Application> more = new ArrayList<>(versions);
    more.add(application);
    return Optional.of(new StoredManifest(name, more, deployedVersion));
  }

  /**
   * This application without {@code version} (undeployed if that was the deployed version); empty
   * when it was the only version, as the application is then gone.
   */
  public Optional<StoredManifest> withoutVersion(String version) {
    List<Application> rest = versions.stream().filter(v -> !v.version().equals(version)).toList();
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new StoredManifest(name, rest, deployedVersion.filter(d -> !d.equals(version))));
  }

  /** This application with {@code version}, which must exist, deployed. */
  public StoredManifest deploying(String version) {
    return new StoredManifest(name, versions, Optional.of(version));
  }

  /** This application with nothing deployed. */
  public StoredManifest undeployed() {
    return new StoredManifest(name, versions, Optional.empty());
  }
}
