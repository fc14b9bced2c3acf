package dev.trellis.scheduler.api;

import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.ModelOperation;
import dev.trellis.scheduler.api.ApiResponse.DeleteModelResponse;
import dev.trellis.scheduler.api.ApiResponse.DeployModelResponse;
import dev.trellis.scheduler.api.ApiResponse.GetModelResponse;
import dev.trellis.scheduler.api.ApiResponse.ListModelsResponse;
import dev.trellis.scheduler.api.ApiResponse.PutModelResponse;
import dev.trellis.scheduler.api.ApiResponse.StatusResponse;
import dev.trellis.scheduler.api.ApiResponse.VersionsResponse;
import dev.trellis.scheduler.api.SchedulerUnavailableException.Reason;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Format;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.store.JnatsAdapter;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A client of the scheduler API (wadm's or Trellis'), for the {@code trellis app} commands. Each
 * call returns the operation's typed reply, whose {@code result} says how it went (domain failures
 * such as "not found" are results, not exceptions); only a missing or unreadable reply throws:
 * {@link SchedulerUnavailableException} when no scheduler runs or none answers in time, {@link
 * SchedulerReplyException} when the reply makes no sense.
 */
public final class SchedulerClient {
  /** How long a call waits for its reply unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final JnatsAdapter nats;
  private final String lattice;
  private final Duration timeout;

  public SchedulerClient(Connection connection, String lattice, Duration timeout) {
    this.nats = new JnatsAdapter(connection);
    this.lattice = Subjects.token("lattice", lattice);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
  }

  /** A client waiting {@link #DEFAULT_TIMEOUT} per call. */
  public SchedulerClient(Connection connection, String lattice) {
    this(connection, lattice, DEFAULT_TIMEOUT);
  }

  /** Puts manifest text, letting the scheduler tell YAML from JSON. */
  public PutModelResponse put(String manifest) {
    return call(
        Subjects.schedulerApi(lattice, ModelOperation.PUT),
        new Headers(),
        utf8(manifest),
        ReplyDecoder::put);
  }

  /** Puts manifest text of a known format (sent as its Content-Type, as wadm's client does). */
  public PutModelResponse put(String manifest, Format format) {
    String mime =
        switch (format) {
          case YAML -> "application/yaml";
          case JSON -> "application/json";
        };
    Headers headers = new Headers().put(SchedulerApiServer.CONTENT_TYPE_HEADER, mime);
    return call(
        Subjects.schedulerApi(lattice, ModelOperation.PUT),
        headers,
        utf8(manifest),
        ReplyDecoder::put);
  }

  /** Puts a parsed application as JSON. */
  public PutModelResponse put(Application application) {
    return put(Manifests.toJson(application), Format.JSON);
  }

  /** The newest version of an application, or {@code version}. */
  public GetModelResponse get(String name, Optional<String> version) {
    return named(ModelOperation.GET, name, versionBody(version), ReplyDecoder::get);
  }

  /** Every application with its status. */
  public ListModelsResponse list() {
    return call(
        Subjects.schedulerApi(lattice, ModelOperation.GET),
        new Headers(),
        new byte[0],
        ReplyDecoder::list);
  }

  /** The versions of an application, oldest first. */
  public VersionsResponse versions(String name) {
    return named(ModelOperation.VERSIONS, name, new byte[0], ReplyDecoder::versions);
  }

  /** Deletes one version, or the whole application when {@code version} is empty. */
  public DeleteModelResponse delete(String name, Optional<String> version) {
    return named(ModelOperation.DEL, name, versionBody(version), ReplyDecoder::delete);
  }

  /** Deploys {@code version}, or the newest when empty. */
  public DeployModelResponse deploy(String name, Optional<String> version) {
    return named(ModelOperation.DEPLOY, name, versionBody(version), ReplyDecoder::deploy);
  }

  /** Undeploys an application. */
  public DeployModelResponse undeploy(String name) {
    return named(ModelOperation.UNDEPLOY, name, new byte[0], ReplyDecoder::deploy);
  }

  /** An application's status. */
  public StatusResponse status(String name) {
    return named(ModelOperation.STATUS, name, new byte[0], ReplyDecoder::status);
  }

  private <R> R named(
      ModelOperation op, String name, byte[] body, Function<ReplyDecoder, R> decode) {
    return call(Subjects.schedulerApi(lattice, op, name), new Headers(), body, decode);
  }

  private <R> R call(
      String subject, Headers headers, byte[] body, Function<ReplyDecoder, R> decode) {
    return switch (nats.request(subject, headers, body, timeout)) {
      case JnatsAdapter.Reply.Answered answered ->
          decode.apply(ReplyDecoder.of(subject, answered.message().getData()));
      case JnatsAdapter.Reply.NoResponders none ->
          throw new SchedulerUnavailableException(
              Reason.NO_RESPONDERS,
              "no scheduler is running for lattice '"
                  + lattice
                  + "' (nobody answers "
                  + subject
                  + "); start one with `trellis scheduler` or `trellis up`");
      case JnatsAdapter.Reply.TimedOut timedOut ->
          throw new SchedulerUnavailableException(
              Reason.TIMEOUT,
              "the scheduler for lattice '"
                  + lattice
                  + "' did not answer "
                  + subject
                  + " within "
                  + timeout.toMillis()
                  + " ms; it may be overloaded or cut off from JetStream");
    };
  }

  private static byte[] versionBody(Optional<String> version) {
    return version
        .map(v -> ApiJson.bytes(ApiJson.JSON.createObjectNode().put("version", v)))
        .orElse(new byte[0]);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
