package dev.trellis.host.plugin.messaging;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one component exporting {@code wasmcloud:messaging/handler}: made when its
 * workload starts running, closed when it stops. Each message runs {@code handle-message} on its
 * own virtual thread, so a slow handler stalls nothing else.
 */
final class MessageHandlerBinding implements ComponentBinding {
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  static final String SUBSCRIPTIONS = "subscriptions";
  static final String CONSUMER_GROUP = "consumer_group";
  static final String BROADCAST = "broadcast";

  private static final Logger LOG = LoggerFactory.getLogger(MessageHandlerBinding.class);

  private final Connection connection;
  private final BindRequest request;
  private final List<String> subjects;
  private final Optional<String> group;
  private final String function;
  private final AtomicReference<Dispatcher> dispatcher = new AtomicReference<>();

  private MessageHandlerBinding(
      Connection connection, BindRequest request, List<String> subjects, Optional<String> group) {
    this.connection = connection;
    this.request = request;
    this.subjects = subjects;
    this.group = group;
    this.function = request.exports().get(0) + "#handle-message";
  }

  static MessageHandlerBinding create(Connection connection, BindRequest request) {
    Map<String, String> config = request.mergedConfig();
    List<String> subjects =
        Arrays.stream(config.getOrDefault(SUBSCRIPTIONS, "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    for (String s : subjects) {
      if (s.chars().anyMatch(Character::isWhitespace) || s.startsWith(".") || s.endsWith(".")) {
        throw new PluginException(
            "subscription '" + s + "' of " + request.describe() + " is not a NATS subject");
      }
    }
    String configured = config.getOrDefault(CONSUMER_GROUP, defaultGroup(request));
    Optional<String> group =
        configured.equals(BROADCAST) ? Optional.empty() : Optional.of(configured);
    return new MessageHandlerBinding(connection, request, subjects, group);
  }

  /** One group per namespace, workload name and component: replicas on any host share it. */
  static String defaultGroup(BindRequest request) {
    return "trellis."
        + String.join(
            ".",
            sanitize(request.workload().namespace()),
            sanitize(request.workload().name()),
            sanitize(request.component().name()));
  }

  private static String sanitize(String part) {
    String clean = part.replaceAll("[^A-Za-z0-9_-]", "-");
    return clean.isEmpty() ? "-" : clean;
  }

  @Override
  public void start() {
    if (subjects.isEmpty()) {
      LOG.info("message_handler_idle {} reason=no_subscriptions_configured", who());
      return;
    }
    Dispatcher d = connection.createDispatcher();
    for (String subject : subjects) {
      if (group.isPresent()) {
        d.subscribe(subject, group.get(), this::dispatch);
      } else {
        d.subscribe(subject, this::dispatch);
      }
    }
    dispatcher.set(d);
    // A round trip to the server: once it returns the subscriptions are registered, so a message
    // sent after the workload reports RUNNING reaches it (whatever connection it comes from).
    try {
      connection.flush(FLUSH_TIMEOUT);
    } catch (TimeoutException e) {
      LOG.warn("message_handler_flush_timeout {} timeout_ms={}", who(), FLUSH_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("message_handler_subscribed {} subjects={} group={}", who(), subjects, group);
  }

  @Override
  public void stop() {
    Dispatcher d = dispatcher.getAndSet(null);
    if (d != null) {
      connection.closeDispatcher(d);
    }
  }

  private void dispatch(Message message) {
    Thread.ofVirtual().name("message-" + request.component().name()).start(() -> handle(message));
  }

  private void handle(Message message) {
    WitValue msg =
        brokerMessage(
            message.getSubject(),
            message.getData() == null ? new byte[0] : message.getData(),
            Optional.ofNullable(message.getReplyTo()));
    try {
      Optional<WitValue> result = request.invoker().invoke(function, List.of(msg));
      if (result.isPresent() && result.get() instanceof WitValue.ResultValue r && !r.isOk()) {
        LOG.warn(
            "message_handler_error {} subject={} error={}",
            who(),
            message.getSubject(),
            r.payload().map(p -> ((WitValue.StringValue) p).value()).orElse(""));
      }
    } catch (HostException e) {
      LOG.warn(
          "message_handler_failed {} subject={} error={}",
          who(),
          message.getSubject(),
          e.getMessage());
    }
  }

  /** A {@code broker-message} record. */
  static WitValue brokerMessage(String subject, byte[] body, Optional<String> replyTo) {
    return WitValue.record(
        WitValue.field("subject", WitValue.string(subject)),
        WitValue.field("body", WitArgs.bytesValue(body)),
        WitValue.field("reply-to", new WitValue.OptionValue(replyTo.map(WitValue::string))));
  }

  private String who() {
    return "workload_id=" + request.workload().id() + " component=" + request.component().name();
  }
}
