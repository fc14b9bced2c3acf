package dev.trellis.host.http;

/**
 * The Java object behind a {@code wasi:http/types.response-outparam}: where the guest's response
 * (or error) goes, at most once.
 */
final class ResponseOutparam {
  /** What receives the guest's answer: the server exchange. */
  interface Target {
    /** The guest answered with {@code response}; send its head now. */
    void respond(OutgoingResponse response);

    /** The guest answered with an error instead of a response. */
    void fail(HttpErrorCode error);
  }

  private final Target target;
  private boolean used;

  ResponseOutparam(Target target) {
    this.target = target;
  }

  /** Hands the response over; false if it was already set. */
  boolean respond(OutgoingResponse response) {
    if (used) {
      return false;
    }
    used = true;
    target.respond(response);
    return true;
  }

  /** Hands an error over; false if the outparam was already set. */
  boolean fail(HttpErrorCode error) {
    if (used) {
      return false;
    }
    used = true;
    target.fail(error);
    return true;
  }
}
