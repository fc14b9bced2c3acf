package dev.trellis.wrpc.nats;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Params and results larger than the server's {@code max_payload} cross in chunks: the first params
 * chunk rides in the invocation (sized as upstream), the rest follow on {@code R_s.params}; results
 * are split on {@code R_c.results}.
 */
class WrpcChunkingTest {
  private static final WrpcFunction ECHO =
      WrpcFunction.of(
          "trellis:test/echo", "big", List.of(STRING, WitType.list(U32)), List.of(STRING, U32));

  @TempDir Path dir;

  @Test
  void paramsAndResultsAreChunkedAtASmallMaxPayload() throws Exception {
    try (TestNats.SmallServer small = TestNats.startSmall(dir, 4096)) {
      Connection connection = TestNats.connect(small.url(), "chunking");
      assertEquals(4096, connection.getMaxPayload());
      Subscription spy = connection.subscribe(ECHO.subject("tiny"));
      try (WrpcServer server = WrpcServer.create(connection, WrpcTransportConfig.of("tiny"));
          WrpcClient client = WrpcClient.create(connection, WrpcTransportConfig.of("tiny"))) {
        server.serve(ECHO, WrpcChunkingTest::echo);
        String text = "x".repeat(100_000);
        List<WitValue> numbers =
            java.util.stream.IntStream.range(0, 5000)
                .mapToObj(i -> (WitValue) WitValue.u32(i))
                .toList();
        InvocationResult result =
            client.invoke(
                ECHO,
                List.of(WitValue.string(text), new WitValue.ListValue(numbers)),
                InvokeOptions.defaults());
        assertEquals(List.of(WitValue.string(text + "!"), WitValue.u32(5000)), result.values());
        Message first = spy.nextMessage(Duration.ofSeconds(2));
        assertEquals(
            4096 - first.getReplyTo().length() - first.getHeaders().serializedLength(),
            first.getData().length);
      } finally {
        connection.close();
      }
    }
  }

  @Test
  void paramsLargerThanTheDefaultMaxPayloadCross() throws Exception {
    try (NatsServer nats = TestNats.start(dir)) {
      Connection connection = TestNats.connect(nats.clientUrl(), "chunking-default");
      try (WrpcServer server = WrpcServer.create(connection, WrpcTransportConfig.of(""));
          WrpcClient client = WrpcClient.create(connection, WrpcTransportConfig.of(""))) {
        server.serve(ECHO, WrpcChunkingTest::echo);
        String text = "y".repeat(3 << 20);
        InvocationResult result =
            client.invoke(
                ECHO,
                List.of(WitValue.string(text), new WitValue.ListValue(List.of())),
                InvokeOptions.defaults().withHeader(WrpcHeaders.SOURCE_ID, "chunker"));
        assertEquals(List.of(WitValue.string(text + "!"), WitValue.u32(0)), result.values());
      } finally {
        connection.close();
      }
    }
  }

  private static WrpcReply echo(WrpcCall call) {
    String text = ((WitValue.StringValue) call.params().get(0)).value();
    int count = ((WitValue.ListValue) call.params().get(1)).elements().size();
    return WrpcReply.of(WitValue.string(text + "!"), WitValue.u32(count));
  }
}
