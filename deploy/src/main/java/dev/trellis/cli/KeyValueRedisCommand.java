package dev.trellis.cli;

import dev.trellis.wrpc.provider.ProviderConfig;
import dev.trellis.wrpc.provider.builtin.RedisKeyValueProvider;
import dev.trellis.wrpc.provider.builtin.RedisUri;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trellis provider keyvalue-redis}: serves {@code wasi:keyvalue@0.2.0-draft} (store,
 * atomics, batch) from Redis until SIGTERM, then drains.
 */
@Command(
    name = "keyvalue-redis",
    mixinStandardHelpOptions = true,
    description = "Serve wasi:keyvalue@0.2.0-draft (store, atomics, batch) backed by Redis.")
final class KeyValueRedisCommand implements Runnable {
  private static final String NAME = "keyvalue-redis";

  @Mixin ProviderOptions provider;

  @Option(
      names = "--redis",
      defaultValue = "${env:TRELLIS_REDIS_URL:-redis://127.0.0.1:6379}",
      description =
          "Redis URL, redis://[[user]:password@]host[:port][/db] (default: ${DEFAULT-VALUE}).")
  String redis;

  @Option(
      names = "--key-prefix",
      defaultValue = "",
      description =
          "Prepended to every Redis key, so lattices can share one Redis (default: none).")
  String keyPrefix;

  @Option(
      names = "--redis-connections",
      defaultValue = "16",
      description =
          "Most Redis connections, and so concurrent commands (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--redis-timeout",
      defaultValue = "5s",
      description = "Bound on connecting to Redis and on each reply (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public void run() {
    RedisUri uri = RedisUri.parse(redis);
    RedisKeyValueProvider kv =
        RedisKeyValueProvider.create(
            RedisKeyValueProvider.Config.of(uri)
                .withKeyPrefix(keyPrefix)
                .withPoolSize(connections)
                .withTimeout(timeout));
    try {
      ProviderConfig config = kv.configure(provider.config(NAME));
      provider.serve(NAME, config, kv.interfaces(), "Redis " + uri, kv);
    } catch (RuntimeException e) {
      kv.close();
      throw e;
    }
  }
}
