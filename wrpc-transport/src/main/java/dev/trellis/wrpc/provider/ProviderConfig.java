package dev.trellis.wrpc.provider;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsCredentialSettings;
import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a provider process runs: where NATS is, who it is, under which prefix and queue group it
 * serves, how long a drain may take and how often it reports its health.
 *
 * @param nats the NATS servers, connection name, credentials and TLS
 * @param providerId the provider's id: a subject token, used in its heartbeat subject
 * @param transport prefix, queue group, codec and transport bounds
 * @param drainTimeout how long a shutdown waits for invocations in flight
 * @param heartbeatInterval how often a heartbeat is published
 */
public record ProviderConfig(
    NatsClientConfig nats,
    String providerId,
    WrpcTransportConfig transport,
    Duration drainTimeout,
    Duration heartbeatInterval) {

  /** Environment variable with the NATS URL(s), comma separated. */
  public static final String ENV_NATS_URL = "TRELLIS_NATS_URL";

  /** Environment variable with the wRPC prefix (wasmCloud: {@code {lattice}.{provider-id}}). */
  public static final String ENV_PREFIX = "TRELLIS_WRPC_PREFIX";

  /** Environment variable with the provider id. */
  public static final String ENV_PROVIDER_ID = "TRELLIS_PROVIDER_ID";

  public ProviderConfig {
    Objects.requireNonNull(nats, "nats");
    Subjects.token("provider id", providerId);
    Objects.requireNonNull(transport, "transport");
    positive("drainTimeout", drainTimeout);
    positive("heartbeatInterval", heartbeatInterval);
  }

  /**
   * A provider serving under {@code prefix} in the queue group {@code prefix} (as wasmCloud's
   * provider SDK; the provider id when the prefix is empty), draining for up to 20 s and beating
   * every 15 s.
   */
  public static ProviderConfig of(String natsUrls, String prefix, String providerId) {
    WrpcTransportConfig transport =
        WrpcTransportConfig.of(prefix).withQueueGroup(prefix.isEmpty() ? providerId : prefix);
    return new ProviderConfig(
        NatsClientConfig.of(natsUrls, "trellis-provider-" + providerId),
        providerId,
        transport,
        Duration.ofSeconds(20),
        Duration.ofSeconds(15));
  }

  /**
   * From {@value #ENV_NATS_URL} (default {@code nats://127.0.0.1:4222}), {@value #ENV_PREFIX}
   * (default empty), {@value #ENV_PROVIDER_ID} (required) and the {@code TRELLIS_NATS_*} credential
   * and TLS variables of {@link NatsCredentialSettings}.
   *
   * @throws IllegalArgumentException naming the variable that is missing or invalid, or both
   *     variables of a conflicting combination
   */
  public static ProviderConfig fromEnvironment(Map<String, String> env) {
    String id =
        Optional.ofNullable(env.get(ENV_PROVIDER_ID))
            .filter(s -> !s.isBlank())
            .orElseThrow(() -> new IllegalArgumentException(ENV_PROVIDER_ID + " is not set"));
    ProviderConfig config =
        of(
            env.getOrDefault(ENV_NATS_URL, "nats://127.0.0.1:4222"),
            env.getOrDefault(ENV_PREFIX, ""),
            id);
    return config.withNats(
        NatsCredentialSettings.fromEnvironment(env)
            .applyTo(config.nats(), NatsCredentialSettings.Setting::env));
  }

  public ProviderConfig withNats(NatsClientConfig value) {
    return new ProviderConfig(value, providerId, transport, drainTimeout, heartbeatInterval);
  }

  public ProviderConfig withTransport(WrpcTransportConfig value) {
    return new ProviderConfig(nats, providerId, value, drainTimeout, heartbeatInterval);
  }

  public ProviderConfig withDrainTimeout(Duration value) {
    return new ProviderConfig(nats, providerId, transport, value, heartbeatInterval);
  }

  public ProviderConfig withHeartbeatInterval(Duration value) {
    return new ProviderConfig(nats, providerId, transport, drainTimeout, value);
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
