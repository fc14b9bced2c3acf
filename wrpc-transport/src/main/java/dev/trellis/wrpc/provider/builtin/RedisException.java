package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.WrpcException;

/**
 * Redis did not carry out a command: it could not be reached or stopped answering ({@link
 * Unavailable}), it answered something that is not RESP2 or not the reply the command has ({@link
 * Protocol}), or it refused the command with an error reply ({@link Refused}; the connection reads
 * those as {@link RespReply.Error} values, the provider turns them into this). Messages name the
 * Redis address.
 */
public abstract sealed class RedisException extends WrpcException
    permits RedisException.Unavailable, RedisException.Protocol, RedisException.Refused {
  private static final long serialVersionUID = 1L;

  private RedisException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Connecting, authenticating, writing or reading failed, or no connection was free in time. */
  public static final class Unavailable extends RedisException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String address, String problem, Throwable cause) {
      super("redis at " + address + " is unavailable: " + problem, cause);
    }
  }

  /** Redis (or whatever listens there) sent bytes that are not a RESP2 reply. */
  public static final class Protocol extends RedisException {
    private static final long serialVersionUID = 1L;

    public Protocol(String address, String problem) {
      super("redis at " + address + " broke the RESP2 protocol: " + problem, null);
    }
  }

  /** Redis answered the command with an error reply, e.g. {@code WRONGTYPE} or a non-integer. */
  public static final class Refused extends RedisException {
    private static final long serialVersionUID = 1L;

    public Refused(String address, String error) {
      super("redis at " + address + " refused the command: " + error, null);
    }
  }
}
