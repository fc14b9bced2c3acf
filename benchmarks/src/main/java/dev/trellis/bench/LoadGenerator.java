package dev.trellis.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 load generator for loopback servers: {@code connections} virtual threads, each with
 * one keep-alive socket, send {@code GET path} back to back until the shared request budget or the
 * time budget runs out, whichever comes first. Raw sockets keep the client's own cost far below the
 * JDK {@code HttpClient}'s, so more of the machine measures the server.
 */
final class LoadGenerator {
  private LoadGenerator() {}

  /** What one run measured. */
  record Result(long requests, long errors, double seconds, long[] latenciesNanos) {
    double requestsPerSecond() {
      return requests / seconds;
    }

    Percentiles percentiles() {
      return new Percentiles(latenciesNanos);
    }
  }

  static Result run(
      InetSocketAddress server, String path, int connections, long maxRequests, Duration budget)
      throws Exception {
    if (!server.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("the load generator targets loopback only: " + server);
    }
    byte[] request =
        ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    AtomicLong remaining = new AtomicLong(maxRequests);
    AtomicLong errors = new AtomicLong();
    long deadline = System.nanoTime() + budget.toNanos();
    long start = System.nanoTime();
    List<Future<long[]>> workers = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < connections; i++) {
        workers.add(threads.submit(() -> connection(server, request, remaining, deadline, errors)));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<long[]> all = new ArrayList<>();
    long total = 0;
    for (Future<long[]> w : workers) {
      long[] samples = w.get();
      all.add(samples);
      total += samples.length;
    }
    long[] latencies = new long[(int) total];
    int at = 0;
    for (long[] samples : all) {
      System.arraycopy(samples, 0, latencies, at, samples.length);
      at += samples.length;
    }
    return new Result(total, errors.get(), seconds, latencies);
  }

  private static long[] connection(
      InetSocketAddress server,
      byte[] request,
      AtomicLong remaining,
      long deadline,
      AtomicLong errors)
      throws IOException {
    long[] samples = new long[1024];
    int n = 0;
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(server, 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
        long t0 = System.nanoTime();
        out.write(request);
        out.flush();
        if (readResponse(in) != 200) {
          errors.incrementAndGet();
        }
        if (n == samples.length) {
          samples = Arrays.copyOf(samples, n * 2);
        }
        samples[n++] = System.nanoTime() - t0;
      }
    }
    return Arrays.copyOf(samples, n);
  }

  /** Reads one response (content-length or chunked body) and returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    String status = line(in);
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line(in).trim(), 16); size > 0; ) {
        in.skipNBytes(size);
        line(in);
        size = Long.parseLong(line(in).trim(), 16);
      }
      line(in);
    } else if (length > 0) {
      in.skipNBytes(length);
    }
    return code;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed mid-response");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
