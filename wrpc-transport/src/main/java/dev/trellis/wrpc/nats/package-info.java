/**
 * The wRPC 0.0.1 NATS transport, wire-compatible with bytecodealliance/wrpc ({@code
 * crates/nats/src/lib.rs}, {@code go/nats/client.go} before NATS support left that repository).
 *
 * <p>An invocation of {@code func} of {@code instance} goes to {@code
 * [{prefix}.]wrpc.0.0.1.[{instance}.]{func}} with reply-to {@code R_c = _INBOX.<nuid>.<nuid>} and
 * the first chunk of the encoded params as payload (at most {@code max_payload - len(R_c) - header
 * bytes}). The server answers with an empty message on {@code R_c} whose reply-to is its {@code
 * R_s}; the client sends the rest of the params on {@code R_s.params}, then an empty message. The
 * server writes the results on {@code R_c.results}, chunked at {@code max_payload}, then an empty
 * message. Pending futures and streams travel on {@code R_s.params.<path>} and {@code
 * R_c.results.<path>}, each ended by an empty message. NATS status 503 on {@code R_c} means no
 * responders. Trellis adds one thing peers may ignore: a server that fails a call ends {@code
 * R_c.results} with header {@code trellis-wrpc-error} giving the reason.
 *
 * <p>NATS core has no flow control from consumer to producer and wRPC adds none, so memory is
 * bounded at both ends instead: an outgoing channel waits for the NATS server to acknowledge every
 * {@code publishWindowBytes}; an incoming channel buffers at most {@code maxBufferedBytes} and
 * fails as a slow consumer beyond that. Every wait has a deadline.
 *
 * <pre>{@code
 * WrpcClient client = WrpcClient.create(connection, WrpcTransportConfig.of("default.kv"));
 * WrpcFunction get = WrpcFunction.of("wasi:keyvalue/store@0.2.0-draft", "get",
 *     List.of(STRING), List.of(WitType.option(WitType.list(U8))));
 * List<WitValue> results = client.invoke(get, List.of(WitValue.string("k")),
 *     InvokeOptions.defaults().withHeader(WrpcHeaders.SOURCE_ID, "my-component")).values();
 * }</pre>
 */
package dev.trellis.wrpc.nats;
