package dev.trellis.wrpc.provider.builtin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.codec.HandleTable;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.codec.WrpcCodecOptions;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.provider.Values;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Calls the key-value provider's functions through a real {@link WrpcClient}, as a host would. */
final class KvClient implements AutoCloseable {
  private final WrpcClient client;
  private final Duration timeout;

  KvClient(Connection connection, String prefix, Duration timeout) {
    this.client =
        WrpcClient.create(
            connection,
            WrpcTransportConfig.of(prefix)
                .withCodec(
                    WrpcCodec.create(WrpcCodecOptions.defaults(), HandleTable.withRandomIds())));
    this.timeout = timeout;
  }

  /** The one result of {@code function}. */
  WitValue call(WrpcFunction function, WitValue... params) {
    return client
        .invoke(function, List.of(params), InvokeOptions.defaults().withTimeout(timeout))
        .values()
        .get(0);
  }

  /** The payload of an {@code ok} result (none for a unit ok). */
  static Optional<WitValue> ok(WitValue result) {
    WitValue.ResultValue r = (WitValue.ResultValue) result;
    assertTrue(r.isOk(), "expected ok, got " + result);
    return r.payload();
  }

  /** The payload of an {@code err} result. */
  static WitValue err(WitValue result) {
    WitValue.ResultValue r = (WitValue.ResultValue) result;
    assertTrue(!r.isOk(), "expected err, got " + result);
    return r.payload().orElseThrow();
  }

  HandleValue open(String bucket) {
    return (HandleValue) ok(call(KeyValueWit.OPEN, WitValue.string(bucket))).orElseThrow();
  }

  void set(HandleValue bucket, String key, String value) {
    ok(
        call(
            KeyValueWit.SET,
            bucket,
            WitValue.string(key),
            Values.bytes(value.getBytes(StandardCharsets.UTF_8))));
  }

  Optional<String> get(HandleValue bucket, String key) {
    WitValue.OptionValue value =
        (WitValue.OptionValue)
            ok(call(KeyValueWit.GET, bucket, WitValue.string(key))).orElseThrow();
    return value.value().map(v -> new String(WitBytes.of(v, "value"), StandardCharsets.UTF_8));
  }

  WitValue increment(HandleValue bucket, String key, long delta) {
    return call(KeyValueWit.INCREMENT, bucket, WitValue.string(key), WitValue.u64(delta));
  }

  @Override
  public void close() {
    client.close();
  }
}
