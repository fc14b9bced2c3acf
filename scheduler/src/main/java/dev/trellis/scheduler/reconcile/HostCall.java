package dev.trellis.scheduler.reconcile;

import java.util.Objects;

/**
 * The outcome of one Host API request: the host's answer, nobody serving the host's subject (the
 * host is gone: NATS answers "no responders" at once), no answer in time, or a transport or
 * decoding failure. Domain failures (a workload in ERROR) are answers.
 *
 * @param <T> the type of the answer
 */
public sealed interface HostCall<T> {
  /**
   * The host answered.
   *
   * @param value the decoded answer
   * @param <T> the type of the answer
   */
  record Answered<T>(T value) implements HostCall<T> {
    public Answered {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Nobody serves the host's subject.
   *
   * @param <T> the type of the answer
   */
  record NoResponders<T>() implements HostCall<T> {}

  /**
   * Somebody serves the subject, but no answer came in time.
   *
   * @param <T> the type of the answer
   */
  record TimedOut<T>() implements HostCall<T> {}

  /**
   * The request could not be sent or the answer not read.
   *
   * @param message what went wrong
   * @param <T> the type of the answer
   */
  record Failed<T>(String message) implements HostCall<T> {
    public Failed {
      Objects.requireNonNull(message, "message");
    }
  }
}
