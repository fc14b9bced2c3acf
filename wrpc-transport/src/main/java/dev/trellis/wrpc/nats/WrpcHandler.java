package dev.trellis.wrpc.nats;

/**
 * Serves one wRPC function. Runs on its own virtual thread per invocation, so it may block. A
 * thrown exception fails the call: the client sees the results channel end early, with the reason.
 */
@FunctionalInterface
public interface WrpcHandler {
  /** Computes the results of {@code call}. */
  WrpcReply handle(WrpcCall call);
}
