package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.WrpcException;

/**
 * A blobstore operation failed: a name that would leave the store's root (or is otherwise not a
 * valid container or object name), a missing container or object, or a file-system error. The
 * message names the container and object and is what the caller receives as the {@code string}
 * error of the function's {@code result}.
 */
public final class BlobstoreException extends WrpcException {
  private static final long serialVersionUID = 1L;

  public BlobstoreException(String message) {
    super(message);
  }

  public BlobstoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
