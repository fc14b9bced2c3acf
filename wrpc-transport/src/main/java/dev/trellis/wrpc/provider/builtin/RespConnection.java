package dev.trellis.wrpc.provider.builtin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * One blocking connection to Redis speaking RESP2: a command is an array of bulk strings, the reply
 * is read back before the next command is written (no pipelining). Not thread-safe; {@link
 * RedisClient} lends each connection to one caller at a time.
 *
 * <p>Why RESP by hand rather than Jedis or Lettuce: the key-value provider needs ten commands (GET,
 * SET, DEL, EXISTS, SCAN, INCRBY, MGET, MSET, AUTH, SELECT) with bulk-string arguments, and RESP2
 * for those is a page of code: a length-prefixed request and five reply shapes. Jedis would add a
 * connection pool library and its own threading rules, Lettuce Netty and Reactor, to a module every
 * host and provider loads; a blocking socket per call is what virtual threads want anyway. Reading
 * is defensive: every length is bounded before anything is allocated.
 */
final class RespConnection implements AutoCloseable {
  /** Redis' own limit for one bulk string (proto-max-bulk-len default). */
  private static final long MAX_BULK = 512L << 20;

  private static final int MAX_ARRAY = 1 << 24;
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_DEPTH = 8;
  private static final byte[] CRLF = {'\r', '\n'};

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String address;

  private RespConnection(Socket socket, String address) throws IOException {
    this.socket = socket;
    this.address = address;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  /**
   * Connects, then logs in and selects the database as {@code uri} says.
   *
   * @throws RedisException.Unavailable if Redis cannot be reached or refuses the login
   */
  static RespConnection open(RedisUri uri, Duration timeout) {
    Socket socket = null;
    try {
      socket = uri.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
      socket.connect(new InetSocketAddress(uri.host(), uri.port()), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      RespConnection connection = new RespConnection(socket, uri.address());
      connection.login(uri);
      return connection;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new RedisException.Unavailable(uri.address(), "cannot connect: " + e, e);
    } catch (RedisException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private void login(RedisUri uri) {
    if (uri.password().isPresent()) {
      List<String> auth = new ArrayList<>(List.of("AUTH"));
      uri.user().ifPresent(auth::add);
      auth.add(uri.password().get());
      expectOk("AUTH", call(auth.stream().map(RespConnection::utf8).toList()));
    }
    if (uri.database() != 0) {
      expectOk("SELECT", call(List.of(utf8("SELECT"), utf8(Integer.toString(uri.database())))));
    }
  }

  private void expectOk(String command, RespReply reply) {
    if (!(reply instanceof RespReply.Simple)) {
      throw new RedisException.Unavailable(
          address, command + " was refused: " + reply.describe(), null);
    }
  }

  /**
   * Sends one command and reads its reply.
   *
   * @throws RedisException.Unavailable if the connection fails or times out; the connection is then
   *     unusable
   * @throws RedisException.Protocol if the reply is not RESP2
   */
  RespReply call(List<byte[]> command) {
    try {
      write(command);
      return read(0);
    } catch (SocketTimeoutException e) {
      throw new RedisException.Unavailable(address, "no reply in time", e);
    } catch (IOException e) {
      throw new RedisException.Unavailable(address, e.toString(), e);
    }
  }

  private void write(List<byte[]> command) throws IOException {
    out.write('*');
    out.write(utf8(Integer.toString(command.size())));
    out.write(CRLF);
    for (byte[] arg : command) {
      out.write('$');
      out.write(utf8(Integer.toString(arg.length)));
      out.write(CRLF);
      out.write(arg);
      out.write(CRLF);
    }
    out.flush();
  }

  private RespReply read(int depth) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("redis closed the connection");
    }
    String line = line();
    return switch (type) {
      case '+' -> new RespReply.Simple(line);
      case '-' -> new RespReply.Error(line);
      case ':' -> new RespReply.Int(number(line));
      case '$' -> bulk(number(line));
      case '*' -> array(number(line), depth);
      default ->
          throw new RedisException.Protocol(
              address, "unexpected reply type byte 0x" + Integer.toHexString(type));
    };
  }

  private RespReply bulk(long length) throws IOException {
    if (length == -1) {
      return new RespReply.Bulk(Optional.empty());
    }
    if (length < 0 || length > MAX_BULK) {
      throw new RedisException.Protocol(address, "bulk string length " + length);
    }
    byte[] bytes = in.readNBytes((int) length);
    if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
      throw new EOFException("bulk string cut short");
    }
    return new RespReply.Bulk(Optional.of(bytes));
  }

  private RespReply array(long length, int depth) throws IOException {
    if (length == -1) {
      return new RespReply.Multi(Optional.empty());
    }
    if (length < 0 || length > MAX_ARRAY || depth >= MAX_DEPTH) {
      throw new RedisException.Protocol(address, "array of " + length + " at depth " + depth);
    }
    List<RespReply> elements = new ArrayList<>((int) Math.min(length, 1024));
    for (long i = 0; i < length; i++) {
      elements.add(read(depth + 1));
    }
    return new RespReply.Multi(Optional.of(elements));
  }

  /** Reads up to CRLF; the line must not be longer than {@link #MAX_LINE}. */
  private String line() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(32);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("redis closed the connection mid-reply");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new RedisException.Protocol(address, "CR without LF");
        }
        return buffer.toString(StandardCharsets.UTF_8);
      }
      if (buffer.size() >= MAX_LINE) {
        throw new RedisException.Protocol(address, "reply line longer than " + MAX_LINE);
      }
      buffer.write(b);
    }
  }

  private long number(String line) {
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new RedisException.Protocol(address, "'" + line + "' is not a number");
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a connection that failed: nothing more to do with it
      }
    }
  }
}
