package dev.trellis.wrpc.resilience;

import dev.trellis.wrpc.nats.InvocationResult;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcInvoker;
import dev.trellis.wrpc.wit.WitValue;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link WrpcInvoker} whose every call is bounded by resilience4j policies, in the order
 * resilience4j recommends: retry (idempotent functions only) around the target's circuit breaker,
 * around the host's bulkhead, around the time limiter, around the call. Every failure surfaces as a
 * {@link WrpcCallException} subtype, including the policies' own rejections.
 */
public final class ResilientWrpcClient implements WrpcInvoker, AutoCloseable {
  private final WrpcInvoker delegate;
  private final ResiliencePolicies policies;
  private final boolean ownsPolicies;
  private final ResilienceConfig.Idempotency idempotent;

  private ResilientWrpcClient(
      WrpcInvoker delegate,
      ResiliencePolicies policies,
      boolean ownsPolicies,
      ResilienceConfig.Idempotency idempotent) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.policies = policies;
    this.ownsPolicies = ownsPolicies;
    this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
  }

  /** Wraps {@code delegate} with new policies (one bulkhead: use one per host). */
  public static ResilientWrpcClient wrap(WrpcInvoker delegate, ResilienceConfig config) {
    return new ResilientWrpcClient(
        delegate, new ResiliencePolicies(config), true, config.idempotent());
  }

  /**
   * Wraps another invoker (e.g. the same client under another prefix) sharing this one's bulkhead
   * and circuit breakers.
   */
  public ResilientWrpcClient sharing(WrpcInvoker other) {
    return new ResilientWrpcClient(other, policies, false, idempotent);
  }

  /**
   * This client (same invoker, bulkhead and circuit breakers) retrying exactly the functions {@code
   * value} declares idempotent: each caller's own declaration, e.g. per workload entry.
   */
  public ResilientWrpcClient withIdempotent(ResilienceConfig.Idempotency value) {
    return new ResilientWrpcClient(delegate, policies, false, value);
  }

  @Override
  public String prefix() {
    return delegate.prefix();
  }

  /** The policies' configuration. */
  public ResilienceConfig config() {
    return policies.config();
  }

  /** The state of the circuit breaker that guards {@code function}. */
  public CircuitBreaker.State circuitState(WrpcFunction function) {
    return policies.circuitBreaker(function, delegate.prefix()).getState();
  }

  @Override
  public InvocationResult invoke(
      WrpcFunction function, List<WitValue> params, InvokeOptions options) {
    String subject = function.subject(delegate.prefix());
    Duration deadline = options.timeout().orElse(policies.config().deadline());
    InvokeOptions bounded = options.withTimeout(deadline);
    CircuitBreaker breaker = policies.circuitBreaker(function, delegate.prefix());
    Bulkhead bulkhead = policies.bulkhead();
    Supplier<InvocationResult> call =
        () -> policies.limit(subject, deadline, () -> delegate.invoke(function, params, bounded));
    call = Bulkhead.decorateSupplier(bulkhead, call);
    call = CircuitBreaker.decorateSupplier(breaker, call);
    if (idempotent.covers(function)) {
      Retry retry = policies.retry(breaker.getName());
      call = Retry.decorateSupplier(retry, call);
    }
    try {
      return call.get();
    } catch (CallNotPermittedException e) {
      throw new WrpcCallException.CircuitOpen(subject, breaker.getName(), e);
    } catch (BulkheadFullException e) {
      throw new WrpcCallException.BulkheadFull(
          subject, bulkhead.getBulkheadConfig().getMaxConcurrentCalls(), e);
    }
  }

  /** Stops the time limiter's threads if this client made the policies. */
  @Override
  public void close() {
    if (ownsPolicies) {
      policies.close();
    }
  }
}
