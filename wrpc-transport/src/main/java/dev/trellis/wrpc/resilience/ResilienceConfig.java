package dev.trellis.wrpc.resilience;

import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.nats.WrpcFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The policies that bound every wRPC call a host makes, so a broken or slow provider costs the
 * caller a typed error instead of a hang: a deadline per call, a circuit breaker per target, one
 * bulkhead per host, and retries only where a function is declared idempotent.
 *
 * @param deadline the time limit of each call attempt (handshake and sync results)
 * @param circuitBreaker when a target's circuit opens and recovers
 * @param circuitScope what one circuit breaker covers
 * @param bulkhead how many calls the host runs at once
 * @param retry how idempotent calls are retried
 * @param idempotent which functions may be retried
 * @param clock the circuit breakers' clock (tests move it)
 */
public record ResilienceConfig(
    Duration deadline,
    CircuitBreakerPolicy circuitBreaker,
    CircuitScope circuitScope,
    BulkheadPolicy bulkhead,
    RetryPolicy retry,
    Idempotency idempotent,
    Clock clock) {

  public ResilienceConfig {
    positive("deadline", deadline);
    Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    Objects.requireNonNull(circuitScope, "circuitScope");
    Objects.requireNonNull(bulkhead, "bulkhead");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(idempotent, "idempotent");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * 10 s deadline (wasmCloud's provider default); a circuit per function that opens at 50 %
   * failures over the last 20 calls (at least 10) and tries again after 10 s with 3 trial calls;
   * 256 concurrent calls per host, rejected at once beyond; 3 attempts for idempotent functions
   * with backoff 100 ms doubling up to 2 s; no function idempotent.
   */
  public static ResilienceConfig defaults() {
    return new ResilienceConfig(
        Duration.ofSeconds(10),
        new CircuitBreakerPolicy(50f, 20, 10, Duration.ofSeconds(10), 3),
        CircuitScope.FUNCTION,
        new BulkheadPolicy(256, Duration.ZERO),
        new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2)),
        Idempotency.none(),
        Clock.systemUTC());
  }

  public ResilienceConfig withDeadline(Duration value) {
    return new ResilienceConfig(
        value, circuitBreaker, circuitScope, bulkhead, retry, idempotent, clock);
  }

  public ResilienceConfig withCircuitBreaker(CircuitBreakerPolicy value) {
    return new ResilienceConfig(deadline, value, circuitScope, bulkhead, retry, idempotent, clock);
  }

  public ResilienceConfig withCircuitScope(CircuitScope value) {
    return new ResilienceConfig(
        deadline, circuitBreaker, value, bulkhead, retry, idempotent, clock);
  }

  public ResilienceConfig withBulkhead(BulkheadPolicy value) {
    return new ResilienceConfig(
        deadline, circuitBreaker, circuitScope, value, retry, idempotent, clock);
  }

  public ResilienceConfig withRetry(RetryPolicy value) {
    return new ResilienceConfig(
        deadline, circuitBreaker, circuitScope, bulkhead, value, idempotent, clock);
  }

  public ResilienceConfig withIdempotent(Idempotency value) {
    return new ResilienceConfig(
        deadline, circuitBreaker, circuitScope, bulkhead, retry, value, clock);
  }

  public ResilienceConfig withClock(Clock value) {
    return new ResilienceConfig(
        deadline, circuitBreaker, circuitScope, bulkhead, retry, idempotent, value);
  }

  /** What one circuit breaker covers. */
  public enum CircuitScope {
    /** One breaker per invocation subject: prefix, instance and function. */
    FUNCTION,
    /** One breaker per target prefix: every function of one provider trips together. */
    TARGET
  }

  /**
   * A count-based circuit breaker.
   *
   * @param failureRatePercent failure rate (of the window) at which the circuit opens
   * @param windowSize calls the failure rate is computed over
   * @param minimumCalls calls needed before the rate counts
   * @param openWait how long the circuit stays open before trial calls
   * @param halfOpenCalls trial calls that decide whether it closes again
   */
  public record CircuitBreakerPolicy(
      float failureRatePercent,
      int windowSize,
      int minimumCalls,
      Duration openWait,
      int halfOpenCalls) {
    public CircuitBreakerPolicy {
      if (failureRatePercent <= 0 || failureRatePercent > 100) {
        throw new IllegalArgumentException("failureRatePercent must be in (0, 100]");
      }
      if (windowSize < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
        throw new IllegalArgumentException("window, minimum and half-open calls must be >= 1");
      }
      positive("openWait", openWait);
    }
  }

  /**
   * A semaphore bulkhead shared by every call of one host.
   *
   * @param maxConcurrentCalls calls in flight at once (until their sync results arrive)
   * @param maxWait how long a call may wait for a slot; zero rejects at once
   */
  public record BulkheadPolicy(int maxConcurrentCalls, Duration maxWait) {
    public BulkheadPolicy {
      if (maxConcurrentCalls < 1) {
        throw new IllegalArgumentException("maxConcurrentCalls must be >= 1");
      }
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must not be negative");
      }
    }
  }

  /**
   * Retries with exponential backoff, for idempotent functions only.
   *
   * @param maxAttempts attempts in total, the first included
   * @param initialBackoff wait before the second attempt
   * @param multiplier growth of the wait per attempt
   * @param maxBackoff the longest wait
   */
  public record RetryPolicy(
      int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    public RetryPolicy {
      if (maxAttempts < 1 || multiplier < 1.0) {
        throw new IllegalArgumentException("maxAttempts must be >= 1 and multiplier >= 1");
      }
      positive("initialBackoff", initialBackoff);
      positive("maxBackoff", maxBackoff);
    }
  }

  /**
   * Which functions may be called twice with the same effect: whole interfaces (instances) or
   * single functions ({@code instance} and name, annotations ignored).
   */
  public record Idempotency(Set<String> interfaces, Set<String> functions) {
    private static final String SEPARATOR = "#";

    public Idempotency {
      interfaces = Set.copyOf(interfaces);
      functions = Set.copyOf(functions);
    }

    /** Nothing is idempotent: no call is ever retried. */
    public static Idempotency none() {
      return new Idempotency(Set.of(), Set.of());
    }

    /** Also every function of {@code instance}. */
    public Idempotency withInterface(String instance) {
      Set<String> copy = new HashSet<>(interfaces);
      copy.add(instance);
      return new Idempotency(copy, functions);
    }

    /** Also {@code instance}'s function {@code name}. */
    public Idempotency withFunction(String instance, String name) {
      Set<String> copy = new HashSet<>(functions);
      copy.add(instance + SEPARATOR + Subjects.wrpcFunctionName(name));
      return new Idempotency(interfaces, copy);
    }

    /** Whether {@code function} may be retried. */
    public boolean covers(WrpcFunction function) {
      return interfaces.contains(function.instance())
          || functions.contains(function.instance() + SEPARATOR + function.rpcName());
    }
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
