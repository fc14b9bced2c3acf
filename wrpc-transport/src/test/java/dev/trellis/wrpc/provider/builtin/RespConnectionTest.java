package dev.trellis.wrpc.provider.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RESP2 framing against a scripted server socket: what is written and how each reply is read. */
class RespConnectionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void aCommandIsAnArrayOfBulkStringsAndEveryReplyShapeIsRead() throws Exception {
    String replies =
        "+OK\r\n-ERR nope\r\n:-42\r\n$3\r\na\r\n\r\n$-1\r\n*2\r\n$1\r\nx\r\n*-1\r\n*-1\r\n";
    try (Scripted server = new Scripted(replies);
        RespConnection c = RespConnection.open(server.uri(), TIMEOUT)) {
      assertEquals(new RespReply.Simple("OK"), c.call(cmd("SET", "k", "v")));
      assertEquals(new RespReply.Error("ERR nope"), c.call(cmd("X")));
      assertEquals(new RespReply.Int(-42), c.call(cmd("X")));
      RespReply.Bulk bulk = (RespReply.Bulk) c.call(cmd("X"));
      assertArrayEquals("a\r\n".getBytes(StandardCharsets.UTF_8), bulk.bytes().orElseThrow());
      assertEquals(Optional.empty(), ((RespReply.Bulk) c.call(cmd("X"))).bytes());
      RespReply.Multi multi = (RespReply.Multi) c.call(cmd("X"));
      assertEquals(2, multi.elements().orElseThrow().size());
      assertEquals(Optional.empty(), ((RespReply.Multi) c.call(cmd("X"))).elements());
      String written = server.received();
      assertTrue(written.startsWith("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*1\r\n$1\r\nX\r\n"));
    }
  }

  @Test
  void garbageAndHostileLengthsAreProtocolErrorsNotAllocations() throws Exception {
    for (String reply : List.of("?what\r\n", "$999999999999\r\n", "*99999999999\r\n", ":abc\r\n")) {
      try (Scripted server = new Scripted(reply);
          RespConnection c = RespConnection.open(server.uri(), TIMEOUT)) {
        assertThrows(RedisException.Protocol.class, () -> c.call(cmd("GET", "k")), reply);
      }
    }
  }

  @Test
  void aSilentServerIsUnavailableAfterTheTimeout() throws Exception {
    try (Scripted server = new Scripted("");
        RespConnection c = RespConnection.open(server.uri(), Duration.ofMillis(300))) {
      RedisException e = assertThrows(RedisException.Unavailable.class, () -> c.call(cmd("PING")));
      assertTrue(e.getMessage().contains("no reply in time"), e.getMessage());
    }
  }

  private static List<byte[]> cmd(String... parts) {
    return List.of(parts).stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** A one-connection server that sends {@code replies} and records what it receives. */
  private static final class Scripted implements AutoCloseable {
    private final ServerSocket socket;
    private final CompletableFuture<String> received = new CompletableFuture<>();

    Scripted(String replies) throws Exception {
      socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = socket.accept()) {
                  s.getOutputStream().write(replies.getBytes(StandardCharsets.UTF_8));
                  s.getOutputStream().flush();
                  s.setSoTimeout(1000);
                  received.complete(readSome(s.getInputStream()));
                } catch (Exception e) {
                  received.complete("");
                }
              });
    }

    private static String readSome(InputStream in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      try {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
        }
      } catch (java.io.IOException e) {
        // read timeout: the client sent all it will
      }
      return out.toString(StandardCharsets.UTF_8);
    }

    RedisUri uri() {
      return RedisUri.parse("redis://127.0.0.1:" + socket.getLocalPort());
    }

    String received() throws Exception {
      return received.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }
}
