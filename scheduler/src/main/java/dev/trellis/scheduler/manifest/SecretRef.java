package dev.trellis.scheduler.manifest;

import java.util.Optional;

/**
 * A secret handed to a component, a capability or one end of a link: the name it is known by at
 * runtime and where a secrets backend finds it. The {@code policy} names a {@link Policy} of type
 * {@value Policy#SECRET_POLICY_TYPE} in the same manifest.
 *
 * @param name the name the workload asks for
 * @param policy the policy (and so the backend) to fetch it with
 * @param key the key in that backend
 * @param field one field of a structured secret, if only that is wanted
 * @param version a pinned version, else the newest
 */
public record SecretRef(
    String name, String policy, String key, Optional<String> field, Optional<String> version) {
  public SecretRef {
    Checks.text(name, "secret name");
    Checks.text(policy, "secret policy");
    Checks.text(key, "secret key");
    Checks.optionalText(field, "secret field");
    Checks.optionalText(version, "secret version");
  }

  /** A secret with neither field nor version. */
  public static SecretRef of(String name, String policy, String key) {
    return new SecretRef(name, policy, key, Optional.empty(), Optional.empty());
  }
}
