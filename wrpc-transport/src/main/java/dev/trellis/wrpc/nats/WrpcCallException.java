package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.WrpcException;
import java.time.Duration;

/**
 * A wRPC call that did not produce results, typed by why, so a caller (the engine's wRPC plugin)
 * can turn each case into a guest {@code result} error value or a trap with one exhaustive switch,
 * and never wait forever. Every message names the invocation subject involved.
 */
public abstract sealed class WrpcCallException extends WrpcException
    permits WrpcCallException.NoResponders,
        WrpcCallException.Timeout,
        WrpcCallException.CircuitOpen,
        WrpcCallException.BulkheadFull,
        WrpcCallException.RemoteError,
        WrpcCallException.Decode,
        WrpcCallException.Transport {
  private static final long serialVersionUID = 1L;

  private final String subject;

  private WrpcCallException(String subject, String message, Throwable cause) {
    super(message, cause);
    this.subject = subject;
  }

  /**
   * The subject involved: the invocation subject, or for a failure on one of the call's channels
   * (an async value, a publish), that channel's subject.
   */
  public String subject() {
    return subject;
  }

  /** NATS answered the invocation with status 503: nothing serves this subject right now. */
  public static final class NoResponders extends WrpcCallException {
    private static final long serialVersionUID = 1L;

    public NoResponders(String subject) {
      super(subject, "no responders: nothing serves wRPC subject " + subject, null);
    }
  }

  /** The call's deadline passed before the results arrived (or before the handshake did). */
  public static final class Timeout extends WrpcCallException {
    private static final long serialVersionUID = 1L;

    private final Duration deadline;

    public Timeout(String subject, Duration deadline, String waitingFor) {
      super(
          subject,
          "wRPC call on "
              + subject
              + " timed out after "
              + deadline.toMillis()
              + " ms waiting for "
              + waitingFor,
          null);
      this.deadline = deadline;
    }

    /** The deadline that passed. */
    public Duration deadline() {
      return deadline;
    }
  }

  /** The circuit breaker of the call's target is open: the call was not attempted. */
  public static final class CircuitOpen extends WrpcCallException {
    private static final long serialVersionUID = 1L;

    public CircuitOpen(String subject, String breaker, Throwable cause) {
      super(
          subject,
          "circuit breaker '" + breaker + "' is open; wRPC call on " + subject + " not attempted",
          cause);
    }
  }

  /** This host already runs as many concurrent wRPC calls as its bulkhead allows. */
  public static final class BulkheadFull extends WrpcCallException {
    private static final long serialVersionUID = 1L;

    public BulkheadFull(String subject, int maxConcurrentCalls, Throwable cause) {
      super(
          subject,
          "too many concurrent wRPC calls (limit "
              + maxConcurrentCalls
              + "); call on "
              + subject
              + " rejected",
          cause);
    }
  }

  /**
   * The server accepted the call but failed it: it closed the results channel before the results
   * were complete (its handler failed, or it could not decode the params), or broke the protocol.
   */
  public static final class RemoteError extends WrpcCallException {
    private static final long serialVersionUID = 1L;

    public RemoteError(String subject, String problem) {
      super(subject, "wRPC call on " + subject + " failed remotely: " + problem, null);
    }
  }

  /** The results (or an async value) arrived but do not decode as the function's result types. */
  public static final class Decode extends WrpcCallException {
    private static final long serialVersionUID = 1L;

    public Decode(String subject, RuntimeException cause) {
      super(
          subject, "wRPC results from " + subject + " are malformed: " + cause.getMessage(), cause);
    }
  }

  /** The local NATS connection could not carry the call (closed, draining, or overloaded). */
  public static final class Transport extends WrpcCallException {
    private static final long serialVersionUID = 1L;

    public Transport(String subject, String problem, Throwable cause) {
      super(subject, "wRPC transport failure on " + subject + ": " + problem, cause);
    }
  }
}
