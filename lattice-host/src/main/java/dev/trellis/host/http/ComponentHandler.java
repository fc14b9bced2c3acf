package dev.trellis.host.http;

import static dev.trellis.host.http.HttpResources.INCOMING_REQUEST;
import static dev.trellis.host.http.HttpResources.RESPONSE_OUTPARAM;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentFunction;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests with a component exporting {@code wasi:http/incoming-handler}: each request gets
 * a fresh instance (by default {@link ComponentPre#instantiate(HostState)} with a fresh {@link
 * HostState}, {@linkplain ComponentInstance#release() released} when the request is done so its
 * memory can serve a later instance), its {@code incoming-request} and {@code response-outparam},
 * and runs {@code handle} on the request's virtual thread. The response head leaves when the guest
 * sets the outparam and the body streams as it writes.
 *
 * <p>Failures: a trap before the response was sent answers 500, a deadline (the handler's own or
 * the instance's {@code InstanceLimits} call deadline) answers 504, both naming the request id; a
 * failure after the head was sent aborts the response so the client sees it incomplete. The link
 * must serve {@link WasiHttp} and WASI (for streams and pollables).
 */
public final class ComponentHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ComponentHandler.class);

  /** The export a handler calls, as invocation metrics and spans name it. */
  public static final String EXPORT = "wasi:http/incoming-handler#handle";

  private final ComponentPre pre;
  private final Duration deadline;
  private final Supplier<HostState> hostStates;
  private final Optional<Function<HostState, ComponentInstance>> instances;
  private volatile Optional<String> exportName = Optional.empty();

  private ComponentHandler(Builder b) {
    this.pre = b.pre;
    this.deadline = b.deadline;
    this.hostStates = b.hostStates;
    this.instances = b.instances;
  }

  /** A handler for {@code pre} with the defaults: fresh instances, a 60 s deadline. */
  public static ComponentHandler of(ComponentPre pre) {
    return builder(pre).build();
  }

  /** Starts a handler for {@code pre}. */
  public static Builder builder(ComponentPre pre) {
    return new Builder(pre);
  }

  /** The component served. */
  public String componentName() {
    return pre.definition().name();
  }

  @Override
  public void handle(ServerExchange exchange) {
    Answer answer = new Answer(exchange);
    try (Watchdog watchdog = Watchdog.arm(deadline)) {
      Optional<ComponentInstance> owned = Optional.empty();
      try {
        ComponentInstance instance = instance();
        owned = instances.isEmpty() ? Optional.of(instance) : Optional.empty();
        HostState state = instance.hostState();
        WitValue request = INCOMING_REQUEST.own(state, exchange.incomingRequest());
        WitValue outparam = RESPONSE_OUTPARAM.own(state, new ResponseOutparam(answer));
        handleFunction(instance).call(request, outparam);
      } catch (ComponentTrapException e) {
        failed(exchange, e, e.kind() == ComponentTrapException.Kind.DEADLINE || watchdog.fired());
        return;
      } catch (HostException e) {
        failed(exchange, e, watchdog.fired());
        return;
      } finally {
        // This request's instance is done (handle returned or failed): its memory may serve a
        // later instance. Instances supplied by a pool belong to the pool.
        owned.ifPresent(ComponentInstance::release);
      }
    }
    if (!answer.answered) {
      LOG.warn(
          "http handler returned without a response requestId={} component={}",
          exchange.requestId(),
          componentName());
      exchange.respondError(500, "the component returned without setting response-outparam");
    }
  }

  private ComponentInstance instance() {
    HostState state = hostStates.get();
    return instances.isPresent() ? instances.get().apply(state) : pre.instantiate(state);
  }

  private ComponentFunction handleFunction(ComponentInstance instance) {
    Optional<String> known = exportName;
    if (known.isPresent()) {
      return instance.exports().get(known.get());
    }
    ComponentFunction f =
        instance
            .function(EXPORT)
            .orElseThrow(
                () ->
                    new HttpException(
                        "component '"
                            + componentName()
                            + "' does not export wasi:http/incoming-handler"));
    exportName = Optional.of(f.name());
    return f;
  }

  private void failed(ServerExchange exchange, RuntimeException e, boolean timedOut) {
    LOG.warn(
        "http handler failed requestId={} component={} timedOut={} answered={} error={}",
        exchange.requestId(),
        componentName(),
        timedOut,
        exchange.isAnswered(),
        e.getMessage());
    exchange.respondError(
        timedOut ? 504 : 500,
        timedOut
            ? "the component did not answer within its deadline"
            : "the component failed: " + e.getMessage());
  }

  /** Receives the guest's {@code response-outparam.set}. */
  private final class Answer implements ResponseOutparam.Target {
    private final ServerExchange exchange;
    private boolean answered;

    Answer(ServerExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public void respond(OutgoingResponse response) {
      answered = true;
      exchange.head(
          response.status(),
          response.headers().entries().stream()
              .filter(f -> !FieldRules.forbidden(f.name()))
              .toList());
      Optional<OutgoingBody> body = response.body();
      if (body.isPresent() && body.get().sink() instanceof ResponseBodySink sink) {
        sink.bind(exchange);
      } else {
        exchange.write(java.nio.ByteBuffer.allocate(0), true, Optional.empty());
      }
    }

    @Override
    public void fail(HttpErrorCode error) {
      answered = true;
      LOG.info(
          "http handler answered with an error requestId={} component={} errorCode={}",
          exchange.requestId(),
          componentName(),
          error.describe());
      exchange.respondError(
          error.status(), "the component answered with error-code " + error.describe());
    }
  }

  /** Options of a {@link ComponentHandler}. */
  public static final class Builder {
    private final ComponentPre pre;
    private Duration deadline = Duration.ofSeconds(60);
    private Supplier<HostState> hostStates = HostState::create;
    private Optional<Function<HostState, ComponentInstance>> instances = Optional.empty();

    private Builder(ComponentPre pre) {
      this.pre = Objects.requireNonNull(pre, "pre");
    }

    /** How long one request may run in the guest before it is interrupted (504 if unanswered). */
    public Builder deadline(Duration value) {
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("deadline must be positive, got " + value);
      }
      this.deadline = value;
      return this;
    }

    /** Makes each request's host state (e.g. with its own {@code WasiContext}). */
    public Builder hostStates(Supplier<HostState> value) {
      this.hostStates = Objects.requireNonNull(value, "hostStates");
      return this;
    }

    /**
     * Replaces fresh instantiation (e.g. by a pool): given a fresh host state, returns the instance
     * to run; the request's resources go into that instance's own host state.
     */
    public Builder instances(Function<HostState, ComponentInstance> value) {
      this.instances = Optional.of(value);
      return this;
    }

    /** The handler. */
    public ComponentHandler build() {
      return new ComponentHandler(this);
    }
  }
}
