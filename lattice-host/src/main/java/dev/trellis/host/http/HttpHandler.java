package dev.trellis.host.http;

/**
 * Serves the requests of one {@link Route}: a component ({@link ComponentHandler}) or plain Java.
 * Called on the request's own virtual thread; it answers through the {@link ServerExchange}
 * (whatever it leaves unanswered becomes a 500) and may block.
 */
@FunctionalInterface
public interface HttpHandler {

  /** Serves one request. */
  void handle(ServerExchange exchange);
}
