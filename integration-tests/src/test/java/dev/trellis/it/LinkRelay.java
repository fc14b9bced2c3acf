package dev.trellis.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only network links of a host that runs in its own network namespace: byte pumps between TCP
 * on a loopback port and a Unix domain socket (a file, so visible in both namespaces). One half
 * runs inside the namespace ({@link #main}, started with {@code ip netns exec}); the other half
 * runs in the test and can be {@linkplain #pause() paused}: while paused no byte crosses in either
 * direction and no connection is closed — what a network partition looks like to both sides (no
 * reset, no FIN; writes pile up until the link heals).
 *
 * <p>Each link keeps its port number on both sides, so a NATS client inside the namespace reaches
 * {@code 127.0.0.1:4222} exactly as everyone outside does (including the cluster URLs the servers
 * advertise), and the host's HTTP port inside is reached on the same port outside.
 */
final class LinkRelay implements AutoCloseable {
  private final List<ServerSocketChannel> listeners = new ArrayList<>();
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition resumed = lock.newCondition();
  private boolean paused;

  /** Unix socket {@code dir/tcp-{port}.sock} → TCP {@code 127.0.0.1:port}, for each port. */
  void unixToTcp(Path dir, int port) throws IOException {
    Path file = dir.resolve("tcp-" + port + ".sock");
    Files.deleteIfExists(file);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(file));
    accept(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /** TCP {@code 127.0.0.1:port} → Unix socket {@code dir/tcp-{port}.sock}. */
  void tcpToUnix(int port, Path dir) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    accept(server, UnixDomainSocketAddress.of(dir.resolve("tcp-" + port + ".sock")));
  }

  private void accept(ServerSocketChannel server, SocketAddress target) {
    listeners.add(server);
    Thread.ofVirtual()
        .name("relay-accept-" + target)
        .start(
            () -> {
              while (server.isOpen()) {
                try {
                  SocketChannel in = server.accept();
                  Thread.ofVirtual().start(() -> connect(in, target));
                } catch (IOException e) {
                  return; // closed
                }
              }
            });
  }

  private void connect(SocketChannel in, SocketAddress target) {
    open.add(in);
    try {
      awaitResumed(); // a partitioned link does not even connect onwards
      SocketChannel out = SocketChannel.open(target);
      open.add(out);
      Thread.ofVirtual().start(() -> pump(in, out));
      pump(out, in);
    } catch (IOException e) {
      closeQuietly(in);
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        awaitResumed();
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void awaitResumed() {
    lock.lock();
    try {
      while (paused) {
        resumed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops every byte in both directions, keeping every connection open. */
  void pause() {
    lock.lock();
    try {
      paused = true;
    } finally {
      lock.unlock();
    }
  }

  /** Lets the held bytes, and everything after them, through again. */
  void resume() {
    lock.lock();
    try {
      paused = false;
      resumed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    resume();
    listeners.forEach(LinkRelay::closeQuietly);
    open.forEach(LinkRelay::closeQuietly);
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /**
   * The half inside the namespace: {@code main DIR OUTBOUND_PORTS INBOUND_PORTS} (comma-separated).
   * An outbound port listens on the namespace's loopback and leads through {@code
   * DIR/tcp-{port}.sock} to the same port outside; an inbound port is the other way round. Prints
   * {@code relay ready} once every listener is bound, then runs until its standard input ends (the
   * test that started it exited, however it exited).
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    LinkRelay relay = new LinkRelay();
    for (int port : ports(args[1])) {
      relay.tcpToUnix(port, dir);
    }
    for (int port : ports(args[2])) {
      relay.unixToTcp(dir, port);
    }
    System.out.println("relay ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // nothing is sent; end of input means the test is gone
    }
    relay.close();
  }

  private static List<Integer> ports(String csv) {
    List<Integer> ports = new ArrayList<>();
    for (String p : csv.split(",")) {
      if (!p.isBlank()) {
        ports.add(Integer.parseInt(p.strip()));
      }
    }
    return ports;
  }
}
