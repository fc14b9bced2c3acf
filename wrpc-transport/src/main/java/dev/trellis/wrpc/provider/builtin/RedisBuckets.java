package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.provider.Args;
import dev.trellis.wrpc.provider.Values;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code wasi:keyvalue} functions on Redis. A bucket is a key namespace: key {@code k} of
 * bucket {@code b} is the Redis key {@code {keyPrefix}{b}:{k}}; bucket names cannot contain {@code
 * :}, so no two (bucket, key) pairs share a Redis key. Every Redis failure becomes {@code
 * error.other} with its reason; nothing here throws for a caller to see as a failed call.
 */
final class RedisBuckets {
  /** The most keys or pairs one Redis command carries; larger batches are split. */
  private static final int BATCH = 512;

  private static final int SCAN_COUNT = 1000;
  private static final int SCAN_ROUNDS = 8;
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private final RedisClient redis;
  private final byte[] keyPrefix;
  private final NamedHandles handles;

  RedisBuckets(RedisClient redis, String keyPrefix, NamedHandles handles) {
    this.redis = redis;
    this.keyPrefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
    this.handles = handles;
  }

  /** Whether {@code name} can name a bucket: 1..256 bytes, no {@code :}, no control characters. */
  static boolean isBucketName(String name) {
    return !name.isEmpty()
        && name.getBytes(StandardCharsets.UTF_8).length <= 256
        && name.chars().noneMatch(c -> c == ':' || c < 0x20 || c == 0x7f);
  }

  WitValue open(Args args) {
    String identifier = args.string(0);
    if (!isBucketName(identifier)) {
      return new KeyValueError.NoSuchStore().asResult();
    }
    return WitValue.ok(handles.handle(KeyValueWit.BUCKET, identifier));
  }

  WitValue get(Args args) {
    return withBucket(
        args,
        b -> {
          Optional<byte[]> value = bulk(redis.idempotent(command("GET", key(b, args.string(1)))));
          return WitValue.ok(new WitValue.OptionValue(value.map(WitBytes::wrap)));
        });
  }

  WitValue set(Args args) {
    return withBucket(
        args,
        b -> {
          simple(
              redis.idempotent(
                  command("SET", key(b, args.string(1)), WitBytes.of(args.get(2), "value"))));
          return WitValue.ok();
        });
  }

  WitValue delete(Args args) {
    return withBucket(
        args,
        b -> {
          integer(redis.idempotent(command("DEL", key(b, args.string(1)))));
          return WitValue.ok();
        });
  }

  WitValue exists(Args args) {
    return withBucket(
        args,
        b -> {
          long n = integer(redis.idempotent(command("EXISTS", key(b, args.string(1)))));
          return WitValue.ok(WitValue.bool(n > 0));
        });
  }

  /**
   * One page of keys: {@code SCAN} from the cursor (none = from the start) until a round finds keys
   * or the scan ends, at most {@value #SCAN_ROUNDS} rounds; the Redis cursor is the WIT cursor.
   */
  WitValue listKeys(Args args) {
    return withBucket(
        args,
        b -> {
          byte[] namespace = key(b, "");
          byte[] pattern = globPattern(namespace);
          long cursor = args.option(1).map(c -> ((WitValue.U64Value) c).value()).orElse(0L);
          List<String> keys = new ArrayList<>();
          for (int round = 0; round < SCAN_ROUNDS; round++) {
            List<RespReply> page =
                array(
                    redis.idempotent(
                        command(
                            "SCAN",
                            ascii(Long.toUnsignedString(cursor)),
                            ascii("MATCH"),
                            pattern,
                            ascii("COUNT"),
                            ascii(Integer.toString(SCAN_COUNT)))));
            cursor = parseCursor(page);
            for (RespReply key : array(page.get(1))) {
              byte[] full = bulk(key).orElse(new byte[0]);
              if (full.length >= namespace.length) {
                keys.add(new String(full, namespace.length, full.length - namespace.length, UTF8));
              }
            }
            if (cursor == 0 || !keys.isEmpty()) {
              break;
            }
          }
          Optional<WitValue> next =
              cursor == 0 ? Optional.empty() : Optional.of(WitValue.u64(cursor));
          return WitValue.ok(
              WitValue.record(
                  WitValue.field("keys", Values.strings(keys)),
                  WitValue.field("cursor", new WitValue.OptionValue(next))));
        });
  }

  /** {@code INCRBY}: atomic in Redis, so concurrent increments from anywhere never lose one. */
  WitValue increment(Args args) {
    return withBucket(
        args,
        b -> {
          long delta = args.integer(2);
          if (delta < 0) {
            return new KeyValueError.Other(
                    "delta "
                        + Long.toUnsignedString(delta)
                        + " exceeds 9223372036854775807, the largest INCRBY accepts")
                .asResult();
          }
          long value =
              integer(
                  redis.once(
                      command("INCRBY", key(b, args.string(1)), ascii(Long.toString(delta)))));
          if (value < 0) {
            return new KeyValueError.Other("the value is now " + value + ", not a u64").asResult();
          }
          return WitValue.ok(WitValue.u64(value));
        });
  }

  WitValue getMany(Args args) {
    return withBucket(
        args,
        b -> {
          List<String> keys = strings(args.list(1));
          List<WitValue> out = new ArrayList<>(keys.size());
          for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + BATCH));
            List<byte[]> command = new ArrayList<>(List.of(ascii("MGET")));
            slice.forEach(k -> command.add(key(b, k)));
            List<RespReply> values = array(redis.idempotent(command));
            for (int i = 0; i < slice.size(); i++) {
              String k = slice.get(i);
              out.add(
                  new WitValue.OptionValue(
                      bulk(values.get(i))
                          .map(v -> WitValue.tuple(WitValue.string(k), WitBytes.wrap(v)))));
            }
          }
          return WitValue.ok(new WitValue.ListValue(out));
        });
  }

  WitValue setMany(Args args) {
    return withBucket(
        args,
        b -> {
          List<WitValue> pairs = args.list(1);
          for (int from = 0; from < pairs.size(); from += BATCH) {
            List<byte[]> command = new ArrayList<>(List.of(ascii("MSET")));
            for (WitValue pair : pairs.subList(from, Math.min(pairs.size(), from + BATCH))) {
              List<WitValue> kv = ((WitValue.TupleValue) pair).elements();
              command.add(key(b, ((WitValue.StringValue) kv.get(0)).value()));
              command.add(WitBytes.of(kv.get(1), "key-values"));
            }
            simple(redis.idempotent(command));
          }
          return WitValue.ok();
        });
  }

  WitValue deleteMany(Args args) {
    return withBucket(
        args,
        b -> {
          List<String> keys = strings(args.list(1));
          for (int from = 0; from < keys.size(); from += BATCH) {
            List<byte[]> command = new ArrayList<>(List.of(ascii("DEL")));
            keys.subList(from, Math.min(keys.size(), from + BATCH))
                .forEach(k -> command.add(key(b, k)));
            integer(redis.idempotent(command));
          }
          return WitValue.ok();
        });
  }

  // ---- plumbing ----

  /**
   * Runs {@code body} with the name of the bucket in param 0; a forgotten handle or a Redis failure
   * becomes {@code err(other(reason))}.
   */
  private WitValue withBucket(Args args, Function<String, WitValue> body) {
    Optional<String> bucket =
        args.get(0) instanceof HandleValue h ? handles.name(h) : Optional.empty();
    if (bucket.isEmpty()) {
      return new KeyValueError.Other("unknown bucket handle; open the bucket again").asResult();
    }
    try {
      return body.apply(bucket.get());
    } catch (RedisException e) {
      return new KeyValueError.Other(e.getMessage()).asResult();
    }
  }

  private byte[] key(String bucket, String key) {
    byte[] b = (bucket + ":" + key).getBytes(UTF8);
    byte[] out = new byte[keyPrefix.length + b.length];
    System.arraycopy(keyPrefix, 0, out, 0, keyPrefix.length);
    System.arraycopy(b, 0, out, keyPrefix.length, b.length);
    return out;
  }

  /** {@code namespace} with Redis glob metacharacters escaped, then {@code *}. */
  private static byte[] globPattern(byte[] namespace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(namespace.length + 8);
    for (byte c : namespace) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.write('\\');
      }
      out.write(c);
    }
    out.write('*');
    return out.toByteArray();
  }

  private long parseCursor(List<RespReply> page) {
    if (page.size() != 2) {
      throw unexpected("a 2-element SCAN reply", new RespReply.Multi(Optional.of(page)));
    }
    String text = new String(bulk(page.get(0)).orElse(new byte[0]), UTF8);
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new RedisException.Protocol(redis.uri().address(), "SCAN cursor '" + text + "'");
    }
  }

  private static List<String> strings(List<WitValue> values) {
    return values.stream().map(v -> ((WitValue.StringValue) v).value()).toList();
  }

  private static List<byte[]> command(String name, byte[]... args) {
    List<byte[]> out = new ArrayList<>(args.length + 1);
    out.add(ascii(name));
    out.addAll(List.of(args));
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private Optional<byte[]> bulk(RespReply reply) {
    if (reply instanceof RespReply.Bulk b) {
      return b.bytes();
    }
    throw unexpected("a bulk string", reply);
  }

  private long integer(RespReply reply) {
    if (reply instanceof RespReply.Int i) {
      return i.value();
    }
    throw unexpected("an integer", reply);
  }

  private void simple(RespReply reply) {
    if (!(reply instanceof RespReply.Simple)) {
      throw unexpected("a status reply", reply);
    }
  }

  private List<RespReply> array(RespReply reply) {
    if (reply instanceof RespReply.Multi m && m.elements().isPresent()) {
      return m.elements().get();
    }
    throw unexpected("an array", reply);
  }

  private RedisException unexpected(String expected, RespReply reply) {
    if (reply instanceof RespReply.Error e) {
      return new RedisException.Refused(redis.uri().address(), e.message());
    }
    return new RedisException.Protocol(
        redis.uri().address(), "expected " + expected + ", got " + reply.describe());
  }
}
