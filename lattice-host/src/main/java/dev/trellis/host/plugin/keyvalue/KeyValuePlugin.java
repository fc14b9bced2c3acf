package dev.trellis.host.plugin.keyvalue;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:keyvalue@0.2.0-draft} ({@code store}, {@code atomics}, {@code batch}) over pluggable
 * {@link KeyValueBackend}s. Which backend and bucket {@code open} reaches is decided per component
 * from the workload's {@code wasi:keyvalue} entries (see {@link BucketRouter}): named entries pick
 * named backends, {@code backend} and {@code bucket} config keys choose where data goes. Backend
 * failures reach the guest as {@code error} values, never as traps.
 */
public final class KeyValuePlugin implements HostPlugin {
  /** This plugin's id. */
  public static final String ID = "wasi-keyvalue";

  /** The WIT package version served. */
  public static final String VERSION = "0.2.0-draft";

  static final HostResource<KeyValueBucket> BUCKET =
      HostResource.of("bucket", KeyValueBucket.class);

  private static final Logger LOG = LoggerFactory.getLogger(KeyValuePlugin.class);
  private static final int PAGE = 1000;

  private final Map<String, KeyValueBackend> backends;
  private final KeyValueBackend fallback;
  private final List<HostInterface> interfaces = interfaces();

  /**
   * A plugin over {@code backends} (distinct ids) using {@code defaultBackend} where a workload
   * names none. The plugin owns the backends.
   */
  public KeyValuePlugin(List<KeyValueBackend> backends, String defaultBackend) {
    Map<String, KeyValueBackend> byId = new LinkedHashMap<>();
    for (KeyValueBackend b : backends) {
      if (byId.putIfAbsent(b.id(), b) != null) {
        throw new PluginException("two key-value backends have the id '" + b.id() + "'");
      }
    }
    this.backends = Map.copyOf(byId);
    this.fallback = byId.get(defaultBackend);
    if (fallback == null) {
      throw new PluginException(
          "default key-value backend '" + defaultBackend + "' is not among " + byId.keySet());
    }
  }

  /** A plugin with only the in-memory backend. */
  public static KeyValuePlugin inMemory() {
    return new KeyValuePlugin(List.of(new InMemoryKeyValue()), InMemoryKeyValue.ID);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public PluginWorld world() {
    return PluginWorld.of(List.of("wasi:keyvalue/store,atomics,batch@" + VERSION), List.of());
  }

  @Override
  public List<HostInterface> hostInterfaces() {
    return interfaces;
  }

  @Override
  public ComponentBinding bind(BindRequest request) {
    BucketRouter router =
        new BucketRouter(request.interfaces(), backends, fallback, request.describe());
    return new ComponentBinding() {
      @Override
      public void initialize(HostState state) {
        state.put(BucketRouter.class, router);
      }
    };
  }

  @Override
  public void close() {
    backends.values().forEach(KeyValueBackend::close);
  }

  private static List<HostInterface> interfaces() {
    String v = "@" + VERSION;
    return List.of(
        HostInterface.builder("wasi:keyvalue/store" + v)
            .resource(BUCKET)
            .function("open", KeyValuePlugin::open)
            .method(BUCKET, "get", (c, a) -> guard(() -> get(c, a)))
            .method(BUCKET, "set", (c, a) -> guard(() -> set(c, a)))
            .method(BUCKET, "delete", (c, a) -> guard(() -> delete(c, a)))
            .method(BUCKET, "exists", (c, a) -> guard(() -> exists(c, a)))
            .method(BUCKET, "list-keys", (c, a) -> guard(() -> listKeys(c, a)))
            .build(),
        HostInterface.builder("wasi:keyvalue/atomics" + v)
            .function("increment", (c, a) -> guard(() -> increment(c, a)))
            .build(),
        HostInterface.builder("wasi:keyvalue/batch" + v)
            .function("get-many", (c, a) -> guard(() -> getMany(c, a)))
            .function("set-many", (c, a) -> guard(() -> setMany(c, a)))
            .function("delete-many", (c, a) -> guard(() -> deleteMany(c, a)))
            .build());
  }

  private static WitValue open(CallContext ctx, List<WitValue> args) {
    String identifier = WitArgs.string(args.get(0));
    BucketRouter router =
        ctx.state()
            .find(BucketRouter.class)
            .orElseThrow(() -> new PluginException(ID + " is not bound to " + ctx.componentName()));
    return guard(() -> WitValue.ok(BUCKET.own(ctx, router.open(identifier))));
  }

  private static WitValue get(CallContext ctx, List<WitValue> args) {
    Optional<byte[]> value = bucket(ctx, args).get(WitArgs.string(args.get(1)));
    return WitValue.ok(new WitValue.OptionValue(value.map(WitArgs::bytesValue)));
  }

  private static WitValue set(CallContext ctx, List<WitValue> args) {
    bucket(ctx, args).set(WitArgs.string(args.get(1)), WitArgs.bytes(args.get(2)));
    return WitValue.ok();
  }

  private static WitValue delete(CallContext ctx, List<WitValue> args) {
    bucket(ctx, args).delete(WitArgs.string(args.get(1)));
    return WitValue.ok();
  }

  private static WitValue exists(CallContext ctx, List<WitValue> args) {
    return WitValue.ok(WitValue.bool(bucket(ctx, args).exists(WitArgs.string(args.get(1)))));
  }

  /** Pages of {@value #PAGE} sorted keys; the cursor is the index of the next key. */
  private static WitValue listKeys(CallContext ctx, List<WitValue> args) {
    List<String> keys = bucket(ctx, args).keys();
    Optional<WitValue> cursorArg = ((WitValue.OptionValue) args.get(1)).value();
    long from = cursorArg.map(WitArgs::u64).orElse(0L);
    int start = (int) Math.min(Math.max(from, 0), keys.size());
    int end = Math.min(start + PAGE, keys.size());
    List<WitValue> page =
        keys.subList(start, end).stream().<WitValue>map(WitValue::string).toList();
    Optional<WitValue> next = end < keys.size() ? Optional.of(WitValue.u64(end)) : Optional.empty();
    return WitValue.ok(
        WitValue.record(
            WitValue.field("keys", new WitValue.ListValue(page)),
            WitValue.field("cursor", new WitValue.OptionValue(next))));
  }

  private static WitValue increment(CallContext ctx, List<WitValue> args) {
    long value = bucket(ctx, args).increment(WitArgs.string(args.get(1)), WitArgs.u64(args.get(2)));
    return WitValue.ok(WitValue.u64(value));
  }

  private static WitValue getMany(CallContext ctx, List<WitValue> args) {
    KeyValueBucket bucket = bucket(ctx, args);
    List<WitValue> out = new ArrayList<>();
    for (WitValue k : ((WitValue.ListValue) args.get(1)).elements()) {
      String key = WitArgs.string(k);
      out.add(
          new WitValue.OptionValue(
              bucket
                  .get(key)
                  .map(
                      v ->
                          (WitValue) WitValue.tuple(WitValue.string(key), WitArgs.bytesValue(v)))));
    }
    return WitValue.ok(new WitValue.ListValue(out));
  }

  private static WitValue setMany(CallContext ctx, List<WitValue> args) {
    KeyValueBucket bucket = bucket(ctx, args);
    for (WitValue pair : ((WitValue.ListValue) args.get(1)).elements()) {
      List<WitValue> kv = ((WitValue.TupleValue) pair).elements();
      bucket.set(WitArgs.string(kv.get(0)), WitArgs.bytes(kv.get(1)));
    }
    return WitValue.ok();
  }

  private static WitValue deleteMany(CallContext ctx, List<WitValue> args) {
    KeyValueBucket bucket = bucket(ctx, args);
    for (WitValue k : ((WitValue.ListValue) args.get(1)).elements()) {
      bucket.delete(WitArgs.string(k));
    }
    return WitValue.ok();
  }

  private static KeyValueBucket bucket(CallContext ctx, List<WitValue> args) {
    return BUCKET.get(ctx, args.get(0));
  }

  /** Runs {@code body}; a {@link KeyValueException} becomes the guest's {@code err(error)}. */
  private static WitValue guard(Supplier<WitValue> body) {
    try {
      return body.get();
    } catch (KeyValueException e) {
      LOG.debug("keyvalue_error kind={} error={}", e.kind(), e.getMessage());
      return WitValue.err(error(e));
    }
  }

  private static WitValue error(KeyValueException e) {
    return switch (e.kind()) {
      case NO_SUCH_STORE -> WitValue.variant("no-such-store");
      case ACCESS_DENIED -> WitValue.variant("access-denied");
      case OTHER -> WitValue.variant("other", WitValue.string(e.getMessage()));
    };
  }
}
