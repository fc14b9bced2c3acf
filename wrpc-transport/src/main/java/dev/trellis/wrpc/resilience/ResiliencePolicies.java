package dev.trellis.wrpc.resilience;

import dev.trellis.wrpc.nats.InvocationResult;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcFunction;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilience4j objects behind a {@link ResilientWrpcClient}: circuit breakers and retries by
 * target, the host's bulkhead, and the virtual threads the time limiter runs calls on. Shared by
 * every client that {@link ResilientWrpcClient#sharing} derives.
 */
final class ResiliencePolicies implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResiliencePolicies.class);

  private final ResilienceConfig config;
  private final CircuitBreakerRegistry breakers;
  private final RetryRegistry retries;
  private final Bulkhead bulkhead;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

  ResiliencePolicies(ResilienceConfig config) {
    this.config = config;
    ResilienceConfig.CircuitBreakerPolicy cb = config.circuitBreaker();
    this.breakers =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindow(
                    cb.windowSize(),
                    cb.minimumCalls(),
                    CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(cb.failureRatePercent())
                .waitDurationInOpenState(cb.openWait())
                .permittedNumberOfCallsInHalfOpenState(cb.halfOpenCalls())
                .recordException(t -> t instanceof WrpcCallException)
                .ignoreException(t -> !(t instanceof WrpcCallException))
                .clock(config.clock())
                .build());
    breakers
        .getEventPublisher()
        .onEntryAdded(
            added ->
                added
                    .getAddedEntry()
                    .getEventPublisher()
                    .onStateTransition(
                        e ->
                            LOG.info(
                                "wrpc_circuit_transition breaker={} transition={}",
                                e.getCircuitBreakerName(),
                                e.getStateTransition())));
    ResilienceConfig.RetryPolicy retry = config.retry();
    this.retries =
        RetryRegistry.of(
            RetryConfig.custom()
                .maxAttempts(retry.maxAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialBackoff(
                        retry.initialBackoff(), retry.multiplier(), retry.maxBackoff()))
                .retryOnException(ResiliencePolicies::retryable)
                .build());
    this.bulkhead =
        Bulkhead.of(
            "wrpc-host",
            BulkheadConfig.custom()
                .maxConcurrentCalls(config.bulkhead().maxConcurrentCalls())
                .maxWaitDuration(config.bulkhead().maxWait())
                .build());
  }

  ResilienceConfig config() {
    return config;
  }

  Bulkhead bulkhead() {
    return bulkhead;
  }

  CircuitBreaker circuitBreaker(WrpcFunction function, String prefix) {
    String name =
        switch (config.circuitScope()) {
          case FUNCTION -> function.subject(prefix);
          case TARGET -> prefix.isEmpty() ? "(no prefix)" : prefix;
        };
    return breakers.circuitBreaker(name);
  }

  Retry retry(String name) {
    return retries.retry(name);
  }

  /** Runs {@code call} on a virtual thread, abandoning (interrupting) it at {@code deadline}. */
  InvocationResult limit(String subject, Duration deadline, Supplier<InvocationResult> call) {
    TimeLimiter limiter =
        TimeLimiter.of(
            TimeLimiterConfig.custom().timeoutDuration(deadline).cancelRunningFuture(true).build());
    // The call runs on another thread: carry the caller's trace context over so the client span
    // (and the traceparent it sends) continues the caller's trace.
    Future<InvocationResult> running = calls.submit(Context.current().wrap(call::get));
    try {
      return limiter.executeFutureSupplier(() -> running);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (TimeoutException e) {
      if (running.state() == Future.State.SUCCESS) {
        running.resultNow().close();
      }
      throw new WrpcCallException.Timeout(subject, deadline, "the results (call deadline)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.cancel(true);
      throw new WrpcCallException.Transport(subject, "interrupted while calling", e);
    } catch (Exception e) {
      // executeFutureSupplier declares Exception; a call only throws unchecked ones
      throw new WrpcCallException.Transport(subject, "call failed: " + e, e);
    }
  }

  private static boolean retryable(Throwable t) {
    return t instanceof WrpcCallException.NoResponders
        || t instanceof WrpcCallException.Timeout
        || t instanceof WrpcCallException.RemoteError
        || t instanceof WrpcCallException.Transport;
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }
}
