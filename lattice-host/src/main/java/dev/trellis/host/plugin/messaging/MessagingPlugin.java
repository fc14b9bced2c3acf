package dev.trellis.host.plugin.messaging;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code wasmcloud:messaging@0.2.0} over the host's NATS connection. Components importing {@code
 * consumer} publish and make requests on any subject. Components exporting {@code handler} get
 * their {@code handle-message} called for every message on the subjects listed (comma-separated,
 * wildcards allowed) in the {@value MessageHandlerBinding#SUBSCRIPTIONS} config key — the
 * component's {@code LocalResources.config} first, then its {@code wasmcloud:messaging} entries —
 * in the queue group {@value MessageHandlerBinding#CONSUMER_GROUP} (default: one group per workload
 * name and component, so replicas share the load; {@code broadcast} for none). Each message is
 * handled on its own virtual thread.
 */
public final class MessagingPlugin implements HostPlugin {
  /** This plugin's id. */
  public static final String ID = "wasmcloud-messaging";

  /** The WIT package version served. */
  public static final String VERSION = "0.2.0";

  /** The handler interface components export. */
  public static final String HANDLER = "wasmcloud:messaging/handler@" + VERSION;

  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final Connection connection;
  private final List<HostInterface> interfaces;

  /** A plugin on {@code connection}, which the caller keeps owning. */
  public MessagingPlugin(Connection connection) {
    this.connection = connection;
    this.interfaces =
        List.of(
            HostInterface.builder("wasmcloud:messaging/types@" + VERSION).build(),
            HostInterface.builder("wasmcloud:messaging/consumer@" + VERSION)
                .function("request", this::request)
                .function("publish", this::publish)
                .build());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public PluginWorld world() {
    return PluginWorld.of(
        List.of("wasmcloud:messaging/consumer,types@" + VERSION), List.of(HANDLER));
  }

  @Override
  public List<HostInterface> hostInterfaces() {
    return interfaces;
  }

  @Override
  public ComponentBinding bind(BindRequest request) {
    if (request.exports().isEmpty()) {
      return ComponentBinding.NONE;
    }
    return MessageHandlerBinding.create(connection, request);
  }

  private WitValue request(CallContext ctx, List<WitValue> args) {
    String subject = WitArgs.string(args.get(0));
    byte[] body = WitArgs.bytes(args.get(1));
    long millis = WitArgs.u32(args.get(2));
    Duration timeout = millis == 0 ? DEFAULT_REQUEST_TIMEOUT : Duration.ofMillis(millis);
    try {
      Message reply =
          connection
              .requestWithTimeout(subject, body, timeout)
              .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return WitValue.ok(
          MessageHandlerBinding.brokerMessage(
              reply.getSubject(), reply.getData(), Optional.ofNullable(reply.getReplyTo())));
    } catch (TimeoutException e) {
      return failure("request to " + subject + " timed out after " + timeout.toMillis() + "ms");
    } catch (CancellationException e) {
      return failure("request to " + subject + " failed: no responders");
    } catch (ExecutionException e) {
      return failure("request to " + subject + " failed: " + describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure("request to " + subject + " was interrupted");
    } catch (IllegalArgumentException | IllegalStateException e) {
      return failure("request to " + subject + " failed: " + e.getMessage());
    }
  }

  private WitValue publish(CallContext ctx, List<WitValue> args) {
    WitValue.RecordValue message = (WitValue.RecordValue) args.get(0);
    String subject = WitArgs.string(message.get("subject").orElseThrow());
    byte[] body = WitArgs.bytes(message.get("body").orElseThrow());
    Optional<String> replyTo =
        ((WitValue.OptionValue) message.get("reply-to").orElseThrow()).value().map(WitArgs::string);
    try {
      connection.publish(subject, replyTo.orElse(null), body);
      return WitValue.ok();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return failure("publish to " + subject + " failed: " + e.getMessage());
    }
  }

  private static WitValue failure(String message) {
    return WitValue.err(WitValue.string(message));
  }

  private static String describe(Throwable t) {
    if (t instanceof CancellationException) {
      return "no responders";
    }
    return t == null ? "unknown error" : String.valueOf(t.getMessage());
  }
}
