package dev.trellis.host.plugin.wrpc;

import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcHeaders;
import dev.trellis.wrpc.nats.WrpcReply;
import dev.trellis.wrpc.provider.Args;
import dev.trellis.wrpc.provider.ProvidedInterface;
import dev.trellis.wrpc.provider.ProviderConfig;
import dev.trellis.wrpc.provider.ProviderRunner;
import dev.trellis.wrpc.provider.RunningProvider;
import dev.trellis.wrpc.provider.builtin.KeyValueWit;
import dev.trellis.wrpc.provider.builtin.NamedHandles;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code wasi:keyvalue@0.2.0-draft} provider ({@code store.open}, bucket {@code get}/{@code set},
 * {@code atomics.increment}) keeping its data in memory, served over wRPC by {@link ProviderRunner}
 * like any provider process. Bucket handles are their names on the wire. Some bucket names behave
 * on purpose: {@code forbidden} cannot be opened ({@code access-denied}), increments in {@code
 * broken} fail inside the provider, and opening {@code slow} takes two seconds.
 */
final class MemoryKeyValueProvider {
  final Map<String, Map<String, Long>> counters = new ConcurrentHashMap<>();
  final Map<String, Map<String, byte[]>> values = new ConcurrentHashMap<>();
  final List<WrpcHeaders> openHeaders = new CopyOnWriteArrayList<>();
  private final NamedHandles handles = NamedHandles.of(64, n -> !n.isEmpty());

  /** Serves under {@code prefix} on the NATS server at {@code natsUrl}. */
  RunningProvider start(String natsUrl, String prefix) {
    ProviderConfig base =
        ProviderConfig.of(natsUrl, prefix, "memory-kv").withDrainTimeout(Duration.ofSeconds(1));
    ProviderConfig config =
        base.withTransport(
            base.transport()
                .withCodec(WrpcCodec.create(base.transport().codec().options(), handles)));
    return ProviderRunner.create(config, interfaces()).start();
  }

  private List<ProvidedInterface> interfaces() {
    WrpcFunction open = KeyValueWit.OPEN;
    ProvidedInterface store =
        ProvidedInterface.builder(KeyValueWit.STORE)
            .streaming(
                open.name(),
                open.params(),
                open.results(),
                call -> {
                  openHeaders.add(call.headers());
                  String name = ((WitValue.StringValue) call.params().get(0)).value();
                  if (name.equals("slow")) {
                    LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
                  }
                  return WrpcReply.of(
                      name.equals("forbidden")
                          ? WitValue.err(WitValue.variant("access-denied"))
                          : WitValue.ok(handles.handle(KeyValueWit.BUCKET, name)));
                })
            .function(
                KeyValueWit.GET.name(),
                KeyValueWit.GET.params(),
                KeyValueWit.GET.results(),
                args -> {
                  byte[] v = bucketValues(args).get(args.string(1));
                  return List.of(
                      WitValue.ok(
                          v == null
                              ? WitValue.none()
                              : WitValue.some(WitValue.ListValue.ofBytes(v))));
                })
            .function(
                KeyValueWit.SET.name(),
                KeyValueWit.SET.params(),
                KeyValueWit.SET.results(),
                args -> {
                  bucketValues(args).put(args.string(1), args.bytes(2));
                  return List.of(WitValue.ok());
                })
            .build();
    ProvidedInterface atomics =
        ProvidedInterface.builder(KeyValueWit.ATOMICS)
            .function(
                KeyValueWit.INCREMENT.name(),
                KeyValueWit.INCREMENT.params(),
                KeyValueWit.INCREMENT.results(),
                args -> {
                  String bucket = bucket(args);
                  if (bucket.equals("broken")) {
                    throw new IllegalStateException("bucket 'broken' lost its disk");
                  }
                  long next =
                      counters
                          .computeIfAbsent(bucket, b -> new ConcurrentHashMap<>())
                          .merge(args.string(1), args.integer(2), Long::sum);
                  return List.of(WitValue.ok(WitValue.u64(next)));
                })
            .build();
    return List.of(store, atomics);
  }

  private String bucket(Args args) {
    return handles
        .name((WitValue.HandleValue) args.get(0))
        .orElseThrow(() -> new IllegalStateException("unknown bucket handle"));
  }

  private Map<String, byte[]> bucketValues(Args args) {
    return values.computeIfAbsent(bucket(args), b -> new ConcurrentHashMap<>());
  }
}
