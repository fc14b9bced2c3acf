package dev.trellis.wrpc.wit;

import dev.trellis.wrpc.WrpcException;

/**
 * A WIT type or value was built from invalid parts (a duplicate record label, a u8 of 300, a lone
 * surrogate in a string). Raised at construction so no invalid model object ever exists.
 */
public final class WitModelException extends WrpcException {
  private static final long serialVersionUID = 1L;

  public WitModelException(String message) {
    super(message);
  }
}
