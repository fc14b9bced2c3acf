package dev.trellis.wrpc.provider;

import dev.trellis.wrpc.WrpcException;

/**
 * A provider handler read a param as a type it does not have (e.g. {@code args.string(0)} on a
 * {@code u32}): a mismatch between the handler and its declared WIT types, named by position.
 */
public final class ProviderArgumentException extends WrpcException {
  private static final long serialVersionUID = 1L;

  public ProviderArgumentException(String where, String expected, Object actual) {
    super(where + ": expected " + expected + ", got " + actual);
  }
}
