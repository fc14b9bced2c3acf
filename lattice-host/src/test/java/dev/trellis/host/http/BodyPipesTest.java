package dev.trellis.host.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.ResourceTable;
import dev.trellis.host.wasi.WasiStreamException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.eclipse.jetty.io.content.AsyncContent;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The bounded body pipes between guests and the network, without a network. */
class BodyPipesTest {

  /** Records what a publisher delivers, requesting one item at a time on demand. */
  private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
    final List<byte[]> items = new ArrayList<>();
    Flow.Subscription subscription;
    boolean complete;
    Optional<Throwable> error = Optional.empty();

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(ByteBuffer item) {
      byte[] b = new byte[item.remaining()];
      item.get(b);
      items.add(b);
    }

    @Override
    public void onError(Throwable t) {
      error = Optional.of(t);
    }

    @Override
    public void onComplete() {
      complete = true;
    }
  }

  private static final CallContext NO_CALL =
      new CallContext() {
        private final HostState state = HostState.create();
        private final ResourceTable table = new ResourceTable();

        @Override
        public String componentName() {
          return "test";
        }

        @Override
        public String functionName() {
          return "test";
        }

        @Override
        public HostState state() {
          return state;
        }

        @Override
        public ResourceTable resources() {
          return table;
        }
      };

  @Test
  void aRequestBodyQueuesAtMostItsCapacityAndFlowsOnDemand() {
    PublisherSink sink = new PublisherSink();
    sink.write(new byte[PublisherSink.CAPACITY - 10]);
    assertEquals(10, sink.room());
    assertTrue(sink.await(0));
    sink.write(new byte[10]);
    assertEquals(0, sink.room());
    assertFalse(sink.await(0));
    Recorder r = new Recorder();
    sink.subscribe(r);
    assertTrue(r.items.isEmpty());
    r.subscription.request(1);
    assertEquals(1, r.items.size());
    assertEquals(PublisherSink.CAPACITY - 10, sink.room());
    r.subscription.request(1);
    assertEquals(PublisherSink.CAPACITY, sink.room());
    assertTrue(sink.await(0));
    sink.write(new byte[] {1, 2, 3});
    sink.finish(Optional.empty());
    assertFalse(r.complete);
    r.subscription.request(5);
    assertArrayEquals(new byte[] {1, 2, 3}, r.items.get(2));
    assertTrue(r.complete);
    assertThrows(WasiStreamException.class, () -> sink.write(new byte[1]));
  }

  @Test
  void anAbortedRequestBodyFailsTheUpload() {
    PublisherSink sink = new PublisherSink();
    Recorder r = new Recorder();
    sink.subscribe(r);
    sink.abort("dropped");
    assertTrue(r.error.isPresent());
    assertFalse(r.complete);
  }

  @Test
  void aResponseBodyReadsOneBatchAtATimeAndReportsItsEnd() {
    PublisherChunks chunks = new PublisherChunks(Optional.empty());
    List<Long> requested = new ArrayList<>();
    chunks.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            requested.add(n);
          }

          @Override
          public void cancel() {
            requested.add(-1L);
          }
        });
    assertEquals(List.of(1L), requested);
    assertEquals(0, chunks.read(10).length);
    assertFalse(chunks.await(0));
    chunks.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4})));
    assertEquals(List.of(1L), requested);
    assertArrayEquals(new byte[] {1, 2}, chunks.read(2));
    assertArrayEquals(new byte[] {3, 4}, chunks.read(10));
    assertEquals(0, chunks.read(10).length);
    assertEquals(List.of(1L, 1L), requested);
    chunks.onComplete();
    assertTrue(chunks.await(0));
    assertThrows(WasiStreamException.class, () -> chunks.read(10));
  }

  @Test
  void aSilentUpstreamFailsWithConnectionReadTimeout() {
    PublisherChunks chunks = new PublisherChunks(Optional.of(Duration.ofMillis(50)));
    List<Long> requested = new ArrayList<>();
    chunks.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            requested.add(n);
          }

          @Override
          public void cancel() {
            requested.add(-1L);
          }
        });
    assertTrue(chunks.await(Duration.ofSeconds(5).toNanos()));
    BodyException e = assertThrows(BodyException.class, () -> chunks.read(10));
    assertEquals("connection-read-timeout", e.code().caseName());
    assertTrue(requested.contains(-1L));
  }

  @Test
  void aRequestBodyIsReadAsItArrivesAndGatheredUpToTheReadSize() {
    AsyncContent content = new AsyncContent();
    ContentSourceChunks chunks = new ContentSourceChunks(content);
    assertEquals(0, chunks.read(10).length);
    assertFalse(chunks.await(0));
    content.write(false, ByteBuffer.wrap(new byte[] {1, 2}), Callback.NOOP);
    assertTrue(chunks.await(Duration.ofSeconds(5).toNanos()));
    assertArrayEquals(new byte[] {1, 2}, chunks.read(10));
    content.write(false, ByteBuffer.wrap(new byte[] {3}), Callback.NOOP);
    content.write(true, ByteBuffer.wrap(new byte[] {4, 5}), Callback.NOOP);
    assertTrue(chunks.await(Duration.ofSeconds(5).toNanos()));
    assertArrayEquals(new byte[] {3, 4}, chunks.read(2));
    assertArrayEquals(new byte[] {5}, chunks.read(10));
    assertThrows(WasiStreamException.class, () -> chunks.read(10));
  }

  /** A response channel that records what the server would send. */
  private static final class Channel implements ResponseChannel {
    final List<byte[]> writes = new ArrayList<>();
    boolean last;
    Optional<String> aborted = Optional.empty();

    @Override
    public void write(ByteBuffer bytes, boolean isLast, Optional<Fields> trailers) {
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      writes.add(b);
      last |= isLast;
    }

    @Override
    public void abort(String reason) {
      aborted = Optional.of(reason);
    }
  }

  @Test
  void aResponseBodyBuffersUntilItsHeadIsSentThenStreams() {
    ResponseBodySink sink = new ResponseBodySink();
    sink.write(new byte[ResponseBodySink.CAPACITY - 1]);
    assertEquals(1, sink.room());
    assertThrows(WasiStreamException.class, () -> sink.write(new byte[2]));
    Channel channel = new Channel();
    sink.bind(channel);
    sink.write(new byte[2]);
    assertEquals(1, channel.writes.size());
    assertEquals(ResponseBodySink.CAPACITY + 1, channel.writes.get(0).length);
    assertEquals(ResponseBodySink.CAPACITY, sink.room());
    sink.write(new byte[] {7});
    sink.finish(Optional.empty());
    assertTrue(channel.last);
    assertArrayEquals(new byte[] {7}, channel.writes.get(1));
  }

  @Test
  void aBodyFinishedBeforeItsHeadIsSentGoesOutWhole() {
    ResponseBodySink sink = new ResponseBodySink();
    sink.write(new byte[] {1, 2});
    sink.finish(Optional.empty());
    Channel channel = new Channel();
    sink.bind(channel);
    assertTrue(channel.last);
    assertArrayEquals(new byte[] {1, 2}, channel.writes.get(0));
  }

  @Test
  void contentLengthIsEnforcedAndADroppedBodyIsIncomplete() {
    ResponseBodySink tooShort = new ResponseBodySink();
    OutgoingBody body = new OutgoingBody(tooShort, false, Optional.of(5L));
    assertTrue(body.count(3).isEmpty());
    Optional<HttpErrorCode> error = body.finish(NO_CALL, Optional.empty());
    assertEquals("HTTP-response-body-size", error.orElseThrow().caseName());
    Channel channel = new Channel();
    tooShort.bind(channel);
    assertTrue(channel.aborted.isPresent());

    OutgoingBody tooLong = new OutgoingBody(new ResponseBodySink(), true, Optional.of(2L));
    assertEquals("HTTP-request-body-size", tooLong.count(3).orElseThrow().caseName());

    ResponseBodySink dropped = new ResponseBodySink();
    new OutgoingBody(dropped, false, Optional.empty()).dropped();
    Channel late = new Channel();
    dropped.bind(late);
    assertTrue(late.aborted.isPresent());
    assertFalse(late.last);
  }
}
