package dev.trellis.scheduler.manifest;

import java.util.Map;

/**
 * An application-wide policy from {@code spec.policies}, such as the secrets backend that {@link
 * SecretRef}s point at. Its type decides what the properties mean; the scheduler only interprets
 * {@value #SECRET_POLICY_TYPE}.
 *
 * @param name the name secrets refer to
 * @param type the policy type
 * @param properties its settings (a secret policy needs {@code backend})
 */
public record Policy(String name, String type, Map<String, String> properties) {
  /** The type of a policy that secrets may use. */
  public static final String SECRET_POLICY_TYPE = "policy.secret.wasmcloud.dev/v1alpha1";

  /** The property a secret policy must carry. */
  public static final String BACKEND_PROPERTY = "backend";

  public Policy {
    Checks.text(name, "policy name");
    Checks.text(type, "policy type");
    properties = Checks.sorted(properties, "policy properties");
  }

  /** Whether secrets may use this policy: the right type with a backend. */
  public boolean isSecretPolicy() {
    return SECRET_POLICY_TYPE.equals(type) && properties.containsKey(BACKEND_PROPERTY);
  }
}
