package dev.trellis.wrpc.nats;

import io.nats.client.Dispatcher;
import io.nats.client.Subscription;

/** A function a {@link WrpcServer} serves; closing it stops taking its invocations. */
public final class ServedFunction implements AutoCloseable {
  private final WrpcFunction function;
  private final String subject;
  private final Dispatcher dispatcher;
  private final Subscription subscription;

  ServedFunction(
      WrpcFunction function, String subject, Dispatcher dispatcher, Subscription subscription) {
    this.function = function;
    this.subject = subject;
    this.dispatcher = dispatcher;
    this.subscription = subscription;
  }

  /** The function served. */
  public WrpcFunction function() {
    return function;
  }

  /** The invocation subject it is served on. */
  public String subject() {
    return subject;
  }

  /** Unsubscribes; invocations already received are still served. */
  @Override
  public void close() {
    try {
      dispatcher.unsubscribe(subscription);
    } catch (IllegalStateException e) {
      // the dispatcher was drained or closed already: nothing is subscribed any more
    }
  }
}
