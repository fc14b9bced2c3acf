package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.engine.InstanceLimits;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.http.AllowedHosts;
import dev.trellis.host.http.ComponentHandler;
import dev.trellis.host.http.HttpServerConfig;
import dev.trellis.host.http.OutgoingConfig;
import dev.trellis.host.http.Route;
import dev.trellis.host.http.Router;
import dev.trellis.host.http.TrellisHttpServer;
import dev.trellis.host.http.WasiHttp;
import dev.trellis.host.wasi.Wasi;
import dev.trellis.host.wasi.WasiContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host's HTTP server with the wasi:http example components on a real loopback socket, driven by
 * the JDK {@code HttpClient}: answers, streaming without buffering, failure statuses, and outgoing
 * requests limited to allowed hosts.
 */
class HttpServingIT {
  private static final Path WASM = Path.of("..", "examples", "wasm");
  private static final Engine ENGINE = Engine.create();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final long FIFTY_MB = 50L * 1024 * 1024;
  private static final Router ROUTER = new Router();
  private static TrellisHttpServer server;

  private static ComponentPre pre(String name, OutgoingConfig outgoing, InstanceLimits limits) {
    try {
      Linker linker = Wasi.addTo(Linker.create(), WasiContext.empty()).withLimits(limits);
      return WasiHttp.addTo(linker, outgoing)
          .prepare(ENGINE.load(name, Files.readAllBytes(WASM.resolve(name + ".wasm"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ComponentHandler handler(String name) {
    return ComponentHandler.of(pre(name, OutgoingConfig.DENY_ALL, InstanceLimits.NONE));
  }

  @BeforeAll
  static void start() {
    ROUTER.register(Route.path("/hello"), handler("http-hello"));
    ROUTER.register(Route.path("/echo"), handler("http-echo"));
    ROUTER.register(Route.path("/trap"), handler("http-trap"));
    ROUTER.register(
        Route.path("/loop"),
        ComponentHandler.of(
            pre(
                "http-loop",
                OutgoingConfig.DENY_ALL,
                InstanceLimits.NONE.withCallDeadline(Duration.ofMillis(500)))));
    server = TrellisHttpServer.start(HttpServerConfig.of("127.0.0.1", 0), ROUTER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return get(server.uri().resolve(path));
  }

  @Test
  void helloIsServed() throws Exception {
    HttpResponse<String> response = get("/hello");
    assertEquals(200, response.statusCode());
    assertEquals("Hello from Trellis!\n", response.body());
    assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
  }

  @Test
  void unknownRoutesAre404() throws Exception {
    HttpResponse<String> response = get("/no/such/route");
    assertEquals(404, response.statusCode());
    assertTrue(response.body().contains("no route"), response.body());
  }

  @Test
  void aTrappingHandlerAnswers500WithTheRequestIdAndTheServerKeepsServing() throws Exception {
    HttpResponse<String> response = get("/trap");
    assertEquals(500, response.statusCode());
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    assertTrue(response.body().contains("request-id: " + id), response.body());
    assertEquals(200, get("/hello").statusCode());
  }

  @Test
  void aHandlerThatNeverAnswersGets504AtItsDeadline() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = get("/loop");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(504, response.statusCode(), response.body());
    assertTrue(millis >= 400 && millis < 10_000, "answered after " + millis + " ms");
  }

  /**
   * 50 MB through http-echo. The upload streams from a generator and the echo is checked by CRC as
   * it arrives, so neither side holds the body. The client is a raw HTTP/1.1 socket with a writer
   * and a reader thread: the JDK {@code HttpClient} reads an HTTP/1.1 response only after it has
   * sent the whole request, so against a server that streams the echo back without buffering it, it
   * would stall as soon as the socket buffers are full.
   */
  @Test
  void fiftyMegabytesStreamThroughEchoWithoutGrowingTheHeap() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    get("/hello"); // warm the path up before measuring
    long before = usedAfterGc(memory);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(30_000);
      Thread writer = Thread.ofVirtual().start(() -> upload(socket));
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      String head = headLines(in);
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      assertTrue(
          head.toLowerCase(java.util.Locale.ROOT)
              .contains("content-type: application/octet-stream"),
          head);
      CRC32 received = new CRC32();
      long count =
          head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")
              ? readChunked(in, received)
              : readToEnd(in, received);
      writer.join(Duration.ofSeconds(30));
      long growth = usedAfterGc(memory) - before;
      assertEquals(FIFTY_MB, count);
      assertEquals(Generated.crc(FIFTY_MB), received.getValue());
      assertTrue(growth < 25L * 1024 * 1024, "heap grew by " + growth / 1024 + " KiB");
    }
  }

  private static void upload(Socket socket) {
    try (Generated body = new Generated(FIFTY_MB)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /echo HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/octet-stream\r\n"
                  + "content-length: "
                  + FIFTY_MB
                  + "\r\nconnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      body.transferTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String headLines(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed in the response head: " + head);
      }
      head.append((char) c);
    }
    return head.toString();
  }

  /** Reads a body delimited by the end of the connection into {@code crc}; returns its length. */
  private static long readToEnd(InputStream in, CRC32 crc) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
      crc.update(buffer, 0, r);
      total += r;
    }
    return total;
  }

  /** Reads a chunked body into {@code crc}; returns its length. */
  private static long readChunked(InputStream in, CRC32 crc) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        return total;
      }
      for (long left = n; left > 0; ) {
        int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (r < 0) {
          throw new IOException("connection closed after " + total + " body bytes");
        }
        crc.update(buffer, 0, r);
        left -= r;
        total += r;
      }
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed mid-line");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Test
  void outgoingRequestsReachOnlyAllowedHosts() throws Exception {
    try (Upstream upstream = new Upstream("from upstream\n")) {
      String url = "http://127.0.0.1:" + upstream.port() + "/data";
      try (Router.Registration denied =
              ROUTER.register(
                  Route.path("/fetch-denied"),
                  ComponentHandler.of(
                      pre(
                          "http-fetch",
                          OutgoingConfig.of(AllowedHosts.of("*.example.com")),
                          InstanceLimits.NONE)));
          Router.Registration allowed =
              ROUTER.register(
                  Route.path("/fetch-allowed"),
                  ComponentHandler.of(
                      pre(
                          "http-fetch",
                          OutgoingConfig.of(AllowedHosts.of("127.0.0.1")),
                          InstanceLimits.NONE)))) {
        HttpResponse<String> refused = get("/fetch-denied?url=" + url);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("HTTP-request-denied"), refused.body());
        assertEquals(0, upstream.connections());

        HttpResponse<String> fetched = get("/fetch-allowed?url=" + url);
        assertEquals(200, fetched.statusCode(), fetched.body());
        assertEquals("from upstream\n", fetched.body());
        assertEquals(1, upstream.connections());
      }
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** A deterministic stream of {@code length} bytes, generated as read. */
  static final class Generated extends InputStream {
    private final long length;
    private long position;

    Generated(long length) {
      this.length = length;
    }

    static byte at(long i) {
      return (byte) (i * 2_654_435_761L >>> 13);
    }

    static long crc(long length) throws IOException {
      CRC32 crc = new CRC32();
      try (Generated g = new Generated(length)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = g.read(buffer); n >= 0; n = g.read(buffer)) {
          crc.update(buffer, 0, n);
        }
      }
      return crc.getValue();
    }

    @Override
    public int read() {
      return position < length ? at(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - position);
      for (int i = 0; i < n; i++) {
        b[off + i] = at(position++);
      }
      return n;
    }

    @Override
    public void close() {
      // nothing to release
    }
  }

  /** A loopback HTTP/1.1 upstream that counts connections and answers 200 with a fixed body. */
  static final class Upstream implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final byte[] body;

    Upstream(String body) throws IOException {
      this.body = body.getBytes(StandardCharsets.UTF_8);
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().name("upstream").start(this::accept);
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          Thread.ofVirtual().start(() -> answer(s));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void answer(Socket s) {
      try (s;
          InputStream in = s.getInputStream();
          OutputStream out = s.getOutputStream()) {
        int seen = 0;
        int c;
        while (seen < 4 && (c = in.read()) >= 0) {
          seen = c == (seen % 2 == 0 ? '\r' : '\n') ? seen + 1 : (c == '\r' ? 1 : 0);
        }
        out.write(
            ("HTTP/1.1 200 OK\r\ncontent-length: " + body.length + "\r\nconnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
      } catch (IOException e) {
        // the client went away
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
