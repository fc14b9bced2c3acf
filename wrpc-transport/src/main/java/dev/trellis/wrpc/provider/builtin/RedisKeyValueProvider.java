package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.codec.WrpcCodecOptions;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.provider.Args;
import dev.trellis.wrpc.provider.ProvidedInterface;
import dev.trellis.wrpc.provider.ProviderConfig;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code wasi:keyvalue@0.2.0-draft} provider backed by Redis: {@code store} (open, and bucket
 * get, set, delete, exists, list-keys), {@code atomics} (increment) and {@code batch} (get-many,
 * set-many, delete-many). Buckets are real resources on the wire ({@code own<bucket>} from {@code
 * open}, {@code borrow<bucket>} into every other function) whose handle bytes are the bucket name;
 * see {@link NamedHandles}. Serve it with {@link dev.trellis.wrpc.provider.ProviderRunner}:
 *
 * <pre>{@code
 * try (RedisKeyValueProvider kv = RedisKeyValueProvider.create(
 *     RedisKeyValueProvider.Config.of(RedisUri.parse("redis://127.0.0.1:6379")))) {
 *   ProviderRunner.create(kv.configure(ProviderConfig.of(nats, prefix, "keyvalue-redis")),
 *       kv.interfaces()).run();
 * }
 * }</pre>
 */
public final class RedisKeyValueProvider implements AutoCloseable {
  private final RedisClient redis;
  private final NamedHandles handles;
  private final RedisBuckets buckets;

  private RedisKeyValueProvider(Config config) {
    this.redis = new RedisClient(config.redis(), config.poolSize(), config.timeout());
    this.handles = NamedHandles.of(256, RedisBuckets::isBucketName);
    this.buckets = new RedisBuckets(redis, config.keyPrefix(), handles);
  }

  /**
   * How the provider reaches Redis.
   *
   * @param redis the Redis server
   * @param keyPrefix prepended to every Redis key (e.g. {@code app1:}), so several lattices can
   *     share one Redis; empty for none
   * @param poolSize how many Redis connections (and so concurrent commands) at most
   * @param timeout bounds connecting, each reply, and waiting for a free connection
   */
  public record Config(RedisUri redis, String keyPrefix, int poolSize, Duration timeout) {
    public Config {
      Objects.requireNonNull(redis, "redis");
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      Objects.requireNonNull(timeout, "timeout");
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
    }

    /** No key prefix, 16 connections, 5 s timeout. */
    public static Config of(RedisUri redis) {
      return new Config(redis, "", 16, Duration.ofSeconds(5));
    }

    public Config withKeyPrefix(String value) {
      return new Config(redis, value, poolSize, timeout);
    }

    public Config withPoolSize(int value) {
      return new Config(redis, keyPrefix, value, timeout);
    }

    public Config withTimeout(Duration value) {
      return new Config(redis, keyPrefix, poolSize, value);
    }
  }

  /** A provider for {@code config}; connects to Redis on first use, not here. */
  public static RedisKeyValueProvider create(Config config) {
    return new RedisKeyValueProvider(config);
  }

  /**
   * {@code base} with the codec that maps bucket handles to and from their wire bytes; a provider
   * served with another codec cannot decode the {@code borrow<bucket>} params.
   */
  public ProviderConfig configure(ProviderConfig base) {
    WrpcCodecOptions options = base.transport().codec().options();
    return base.withTransport(base.transport().withCodec(WrpcCodec.create(options, handles)));
  }

  /** {@code store}, {@code atomics} and {@code batch}. */
  public List<ProvidedInterface> interfaces() {
    return List.of(
        provided(
            KeyValueWit.STORE,
            List.of(
                f(KeyValueWit.OPEN, buckets::open),
                f(KeyValueWit.GET, buckets::get),
                f(KeyValueWit.SET, buckets::set),
                f(KeyValueWit.DELETE, buckets::delete),
                f(KeyValueWit.EXISTS, buckets::exists),
                f(KeyValueWit.LIST_KEYS, buckets::listKeys))),
        provided(KeyValueWit.ATOMICS, List.of(f(KeyValueWit.INCREMENT, buckets::increment))),
        provided(
            KeyValueWit.BATCH,
            List.of(
                f(KeyValueWit.GET_MANY, buckets::getMany),
                f(KeyValueWit.SET_MANY, buckets::setMany),
                f(KeyValueWit.DELETE_MANY, buckets::deleteMany))));
  }

  /** Closes the Redis connections. */
  @Override
  public void close() {
    redis.close();
  }

  private record Served(WrpcFunction function, Function<Args, WitValue> handler) {}

  private static Served f(WrpcFunction function, Function<Args, WitValue> handler) {
    return new Served(function, handler);
  }

  private static ProvidedInterface provided(String instance, List<Served> functions) {
    ProvidedInterface.Builder builder = ProvidedInterface.builder(instance);
    for (Served s : functions) {
      builder.function(
          s.function().name(),
          s.function().params(),
          s.function().results(),
          args -> List.of(s.handler().apply(args)));
    }
    return builder.build();
  }
}
