package dev.trellis.host.workload;

import dev.trellis.host.engine.Linker;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.ComponentInvoker;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.host.plugin.WorkloadInfo;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Plugins for tests, registered through the same SPI as the built-ins. */
public final class TestPlugins {
  private TestPlugins() {}

  /**
   * {@code wasmcloud:messaging@0.2.0} without a broker: publishes are kept, and messages can be
   * delivered to a bound handler by hand through its {@link ComponentInvoker}.
   */
  public static final class FakeMessaging implements HostPlugin {
    public final List<String> published = new CopyOnWriteArrayList<>();
    private final Map<String, ComponentInvoker> handlers = new ConcurrentHashMap<>();

    @Override
    public String id() {
      return "wasmcloud-messaging";
    }

    @Override
    public PluginWorld world() {
      return PluginWorld.of(
          List.of("wasmcloud:messaging/consumer,types@0.2.0"),
          List.of("wasmcloud:messaging/handler@0.2.0"));
    }

    @Override
    public List<HostInterface> hostInterfaces() {
      return List.of(
          HostInterface.builder("wasmcloud:messaging/types@0.2.0").build(),
          HostInterface.builder("wasmcloud:messaging/consumer@0.2.0")
              .function(
                  "publish",
                  (ctx, args) -> {
                    WitValue.RecordValue m = (WitValue.RecordValue) args.get(0);
                    published.add(
                        WitArgs.string(m.get("subject").orElseThrow())
                            + "="
                            + new String(
                                WitArgs.bytes(m.get("body").orElseThrow()),
                                StandardCharsets.UTF_8));
                    return WitValue.ok();
                  })
              .function("request", (ctx, args) -> WitValue.err(WitValue.string("no broker")))
              .build());
    }

    @Override
    public ComponentBinding bind(BindRequest request) {
      if (!request.exports().isEmpty()) {
        handlers.put(request.workload().id() + "/" + request.component().name(), request.invoker());
      }
      return ComponentBinding.NONE;
    }

    @Override
    public void unbind(WorkloadInfo workload) {
      handlers.keySet().removeIf(k -> k.startsWith(workload.id() + "/"));
    }

    /** Delivers a message with a reply subject to the handler of {@code component}. */
    public Optional<WitValue> deliver(String workloadId, String component, String replyTo) {
      ComponentInvoker invoker = handlers.get(workloadId + "/" + component);
      if (invoker == null) {
        throw new AssertionError("no handler bound for " + workloadId + "/" + component);
      }
      WitValue message =
          WitValue.record(
              WitValue.field("subject", WitValue.string("tests")),
              WitValue.field("body", WitArgs.bytesValue(new byte[0])),
              WitValue.field("reply-to", WitValue.some(WitValue.string(replyTo))));
      return invoker.invoke("wasmcloud:messaging/handler@0.2.0#handle-message", List.of(message));
    }
  }

  /**
   * Serves the probes fixture's {@code trellis:probes/host} and its world-level {@code answer};
   * {@code callback} blocks until {@link #release} so tests control an invocation in flight.
   */
  public static final class ProbeHost implements HostPlugin {
    private static final HostResource<Integer> BLOB = HostResource.of("blob", Integer.class);
    public final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public String id() {
      return "probe-host";
    }

    @Override
    public PluginWorld world() {
      return PluginWorld.of(List.of("trellis:probes/host"), List.of());
    }

    @Override
    public List<HostInterface> hostInterfaces() {
      return List.of(
          HostInterface.builder("trellis:probes/host")
              .resource(BLOB)
              .action("callback", (ctx, args) -> block())
              .constructor(BLOB, (ctx, args) -> BLOB.own(ctx, (int) WitArgs.u32(args.get(0))))
              .method(BLOB, "size", (ctx, args) -> WitValue.u32(BLOB.get(ctx, args.get(0))))
              .build(),
          HostInterface.builder(Linker.ROOT)
              .function("answer", (c, a) -> WitValue.u32(41))
              .build());
    }

    private void block() {
      entered.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Lets every blocked {@code callback} return. */
    public void release() {
      gate.countDown();
    }
  }

  /** Wraps a plugin and counts its hooks. */
  public static final class Recording implements HostPlugin {
    private final HostPlugin inner;
    public final AtomicInteger binds = new AtomicInteger();
    public final AtomicInteger unbinds = new AtomicInteger();
    public final AtomicInteger starts = new AtomicInteger();
    public final AtomicInteger stops = new AtomicInteger();
    public final List<BindRequest> requests = new CopyOnWriteArrayList<>();

    public Recording(HostPlugin inner) {
      this.inner = inner;
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public PluginWorld world() {
      return inner.world();
    }

    @Override
    public List<HostInterface> hostInterfaces() {
      return inner.hostInterfaces();
    }

    @Override
    public boolean claims(WitInterfaceSpec declared) {
      return inner.claims(declared);
    }

    @Override
    public ComponentBinding bind(BindRequest request) {
      ComponentBinding binding = inner.bind(request);
      binds.incrementAndGet();
      requests.add(request);
      return new ComponentBinding() {
        @Override
        public List<HostInterface> hostInterfaces() {
          return binding.hostInterfaces();
        }

        @Override
        public void initialize(HostState state) {
          binding.initialize(state);
        }

        @Override
        public void start() {
          starts.incrementAndGet();
          binding.start();
        }

        @Override
        public void stop() {
          stops.incrementAndGet();
          binding.stop();
        }
      };
    }

    @Override
    public void unbind(WorkloadInfo workload) {
      unbinds.incrementAndGet();
      inner.unbind(workload);
    }
  }

  /** Wraps a plugin whose every bind is refused. */
  public static final class Refusing implements HostPlugin {
    private final HostPlugin inner;

    public Refusing(HostPlugin inner) {
      this.inner = inner;
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public PluginWorld world() {
      return inner.world();
    }

    @Override
    public List<HostInterface> hostInterfaces() {
      return inner.hostInterfaces();
    }

    @Override
    public ComponentBinding bind(BindRequest request) {
      throw new PluginException("no " + inner.id() + " for " + request.describe());
    }
  }
}
