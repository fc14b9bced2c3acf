package dev.trellis.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.api.ApiResponse.Failure;
import dev.trellis.scheduler.manifest.ManifestParser;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.manifest.UlidGenerator;
import dev.trellis.scheduler.store.JnatsAdapter;
import dev.trellis.scheduler.store.ManifestStore;
import dev.trellis.scheduler.store.StoreException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves wadm's scheduler API for one lattice on {@code wadm.api.{lattice}.model.>} in the queue
 * group {@value Subjects#SCHEDULER_QUEUE_GROUP}, so several replicas share the requests and wadm's
 * clients work unchanged. Each request runs on its own virtual thread; whatever goes wrong, the
 * caller gets a {@code result: error} reply naming the problem rather than a timeout.
 */
public final class SchedulerApiServer implements AutoCloseable {
  /** Reply header naming the replica that answered. */
  public static final String SCHEDULER_ID_HEADER = "Trellis-Scheduler-Id";

  /** Request header telling {@code put} the manifest's format, as wadm reads it. */
  public static final String CONTENT_TYPE_HEADER = "Content-Type";

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerApiServer.class);

  private final Connection connection;
  private final SchedulerApiConfig config;
  private final ModelHandlers handlers;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Dispatcher dispatcher;

  /**
   * What the API works on: the stores, the reconciler's listener, the event publisher and the
   * manifest parser (whose version generator names unversioned manifests).
   *
   * @param store manifests of the lattice
   * @param statuses statuses of the lattice
   * @param listener told of deploys and undeploys
   * @param events where events go
   * @param parser parses {@code put} bodies
   */
  public record Backend(
      ManifestStore store,
      StatusStore statuses,
      DeploymentListener listener,
      SchedulerEvents events,
      ManifestParser parser) {
    public Backend {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(statuses, "statuses");
      Objects.requireNonNull(listener, "listener");
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(parser, "parser");
    }
  }

  private SchedulerApiServer(Connection connection, SchedulerApiConfig config, Backend backend) {
    this.connection = connection;
    this.config = config;
    this.handlers = new ModelHandlers(backend);
    this.dispatcher = connection.createDispatcher();
  }

  /** Opens the lattice's stores (creating them if needed) and starts serving. */
  public static SchedulerApiServer start(
      Connection connection, SchedulerApiConfig config, DeploymentListener listener) {
    Backend backend =
        new Backend(
            ManifestStore.open(connection, config.lattice()),
            StatusStore.open(connection, config.lattice()),
            listener,
            SchedulerEvents.system(connection, config.lattice(), config.schedulerId()),
            Manifests.parser(UlidGenerator.system()));
    return start(connection, config, backend);
  }

  /** Starts serving on {@code backend}; returns once the subscription is live on the server. */
  public static SchedulerApiServer start(
      Connection connection, SchedulerApiConfig config, Backend backend) {
    if (!backend.store().lattice().equals(config.lattice())) {
      throw new IllegalArgumentException(
          "store of lattice " + backend.store().lattice() + " cannot serve " + config.lattice());
    }
    SchedulerApiServer server = new SchedulerApiServer(connection, config, backend);
    String subject = Subjects.schedulerApiAll(config.lattice());
    server.dispatcher.subscribe(
        subject,
        Subjects.SCHEDULER_QUEUE_GROUP,
        m -> server.workers.execute(() -> server.handle(m)));
    new JnatsAdapter(connection).flush(Duration.ofSeconds(5));
    LOG.info(
        "scheduler_api_started lattice={} scheduler_id={} subject={} queue={}",
        config.lattice(),
        config.schedulerId(),
        subject,
        Subjects.SCHEDULER_QUEUE_GROUP);
    return server;
  }

  private void handle(Message message) {
    if (message.getReplyTo() == null) {
      LOG.warn("scheduler_api_no_reply_subject subject={}", message.getSubject());
      return;
    }
    long started = System.nanoTime();
    ApiRequest request = ApiRequest.parse(config.lattice(), message.getSubject());
    ApiResponse response = answer(request, message);
    Headers headers = new Headers().put(SCHEDULER_ID_HEADER, config.schedulerId());
    JsonNode reply = ApiJson.tree(response);
    try {
      connection.publish(message.getReplyTo(), headers, ApiJson.bytes(reply));
    } catch (IllegalStateException e) {
      // The connection closed while the request ran (shutdown); the caller will time out.
      LOG.warn(
          "scheduler_api_reply_lost subject={} error={}", message.getSubject(), e.getMessage());
      return;
    }
    LOG.info(
        "scheduler_api_request op={} app={} result={} duration_ms={}",
        request.operation(),
        request.app().orElse("-"),
        reply.path("result").asText("list"),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  private ApiResponse answer(ApiRequest request, Message message) {
    try {
      byte[] body = Optional.ofNullable(message.getData()).orElse(new byte[0]);
      return handlers.answer(request, body, contentType(message));
    } catch (StoreException e) {
      LOG.error(
          "scheduler_api_storage_failed op={} app={} error={}",
          request.operation(),
          request.app().orElse("-"),
          e.getMessage());
      return new Failure("Internal storage error: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("scheduler_api_failed subject={} error={}", message.getSubject(), e.toString(), e);
      return new Failure(
          "scheduler "
              + config.schedulerId()
              + " failed to handle "
              + request.operation()
              + ": "
              + e);
    }
  }

  private static Optional<String> contentType(Message message) {
    return Optional.ofNullable(message.getHeaders())
        .flatMap(h -> Optional.ofNullable(h.getFirst(CONTENT_TYPE_HEADER)));
  }

  /** Stops taking requests and lets those in flight finish (up to 5 s). */
  @Override
  public void close() {
    connection.closeDispatcher(dispatcher);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("scheduler_api_close_timeout scheduler_id={}", config.schedulerId());
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    LOG.info("scheduler_api_stopped scheduler_id={}", config.schedulerId());
  }
}
