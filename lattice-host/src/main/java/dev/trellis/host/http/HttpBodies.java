package dev.trellis.host.http;

import static dev.trellis.host.http.HttpResources.FIELDS;
import static dev.trellis.host.http.HttpResources.FUTURE_INCOMING_RESPONSE;
import static dev.trellis.host.http.HttpResources.FUTURE_TRAILERS;
import static dev.trellis.host.http.HttpResources.INCOMING_BODY;
import static dev.trellis.host.http.HttpResources.INCOMING_REQUEST;
import static dev.trellis.host.http.HttpResources.INCOMING_RESPONSE;
import static dev.trellis.host.http.HttpResources.OUTGOING_BODY;
import static dev.trellis.host.http.HttpResources.OUTGOING_REQUEST;
import static dev.trellis.host.http.HttpResources.OUTGOING_RESPONSE;
import static dev.trellis.host.http.HttpResources.REQUEST_OPTIONS;
import static dev.trellis.host.http.HttpResources.RESPONSE_OUTPARAM;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.wasi.WasiIo;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * The incoming side and the bodies of {@code wasi:http/types}: request and response accessors, body
 * streams (the shared {@code wasi:io} stream resources), trailers and the future of an outgoing
 * request's response.
 */
final class HttpBodies {
  private HttpBodies() {}

  static void declareResources(HostInterface.Builder b) {
    b.resource(FIELDS.name(), FIELDS.destructor())
        .resource(INCOMING_REQUEST.name(), INCOMING_REQUEST.destructor())
        .resource(OUTGOING_REQUEST.name(), OUTGOING_REQUEST.destructor())
        .resource(REQUEST_OPTIONS.name(), REQUEST_OPTIONS.destructor())
        .resource(RESPONSE_OUTPARAM.name(), RESPONSE_OUTPARAM.destructor())
        .resource(INCOMING_RESPONSE.name(), INCOMING_RESPONSE.destructor())
        .resource(INCOMING_BODY.name(), INCOMING_BODY.destructor())
        .resource(FUTURE_TRAILERS.name(), FUTURE_TRAILERS.destructor())
        .resource(OUTGOING_RESPONSE.name(), OUTGOING_RESPONSE.destructor())
        .resource(OUTGOING_BODY.name(), OUTGOING_BODY.destructor())
        .resource(FUTURE_INCOMING_RESPONSE.name(), FUTURE_INCOMING_RESPONSE.destructor());
  }

  static void addIncoming(HostInterface.Builder b) {
    b.function("[method]incoming-request.method", (ctx, a) -> WitHttp.method(req(ctx, a).method()))
        .function(
            "[method]incoming-request.path-with-query",
            (ctx, a) -> WitHttp.optionalString(req(ctx, a).pathWithQuery()))
        .function(
            "[method]incoming-request.scheme", (ctx, a) -> WitHttp.scheme(req(ctx, a).scheme()))
        .function(
            "[method]incoming-request.authority",
            (ctx, a) -> WitHttp.optionalString(req(ctx, a).authority()))
        .function(
            "[method]incoming-request.headers", (ctx, a) -> FIELDS.own(ctx, req(ctx, a).headers()))
        .function(
            "[method]incoming-request.consume",
            (ctx, a) -> incomingBody(ctx, req(ctx, a).consume()))
        .function(
            "[method]incoming-response.status",
            (ctx, a) -> WitValue.u16(INCOMING_RESPONSE.get(ctx, a.get(0)).status()))
        .function(
            "[method]incoming-response.headers",
            (ctx, a) -> FIELDS.own(ctx, INCOMING_RESPONSE.get(ctx, a.get(0)).headers()))
        .function(
            "[method]incoming-response.consume",
            (ctx, a) -> incomingBody(ctx, INCOMING_RESPONSE.get(ctx, a.get(0)).consume()))
        .function(
            "http-error-code",
            (ctx, a) ->
                WitHttp.optionOf(
                    HttpState.of(ctx)
                        .errorCode(WasiIo.ERROR.get(ctx, a.get(0)))
                        .map(HttpErrorCode::toWit)));
  }

  private static IncomingRequest req(CallContext ctx, List<WitValue> a) {
    return INCOMING_REQUEST.get(ctx, a.get(0));
  }

  private static WitValue incomingBody(CallContext ctx, Optional<IncomingBody> body) {
    return body.<WitValue>map(x -> WitValue.ok(INCOMING_BODY.own(ctx, x))).orElse(WitValue.err());
  }

  static void addBodies(HostInterface.Builder b) {
    b.function("[method]incoming-body.stream", HttpBodies::incomingStream)
        .function(
            "[static]incoming-body.finish",
            (ctx, a) -> FUTURE_TRAILERS.own(ctx, INCOMING_BODY.take(ctx, a.get(0)).finish(ctx)))
        .function(
            "[method]future-trailers.subscribe",
            (ctx, a) -> WasiIo.POLLABLE.own(ctx, FUTURE_TRAILERS.get(ctx, a.get(0)).subscribe()))
        .function(
            "[method]future-trailers.get",
            (ctx, a) -> trailers(ctx, FUTURE_TRAILERS.get(ctx, a.get(0)).get()))
        .function("[method]outgoing-body.write", HttpBodies::outgoingStream)
        .function("[static]outgoing-body.finish", HttpBodies::finishOutgoing)
        .function(
            "[method]future-incoming-response.subscribe",
            (ctx, a) ->
                WasiIo.POLLABLE.own(ctx, FUTURE_INCOMING_RESPONSE.get(ctx, a.get(0)).subscribe()))
        .function(
            "[method]future-incoming-response.get",
            (ctx, a) -> response(ctx, FUTURE_INCOMING_RESPONSE.get(ctx, a.get(0)).get()));
  }

  private static WitValue incomingStream(CallContext ctx, List<WitValue> a) {
    IncomingBody body = INCOMING_BODY.get(ctx, a.get(0));
    Optional<BodyReader> reader = body.takeStream(HttpState.of(ctx));
    if (reader.isEmpty()) {
      return WitValue.err();
    }
    WitValue.HandleValue handle = WasiIo.INPUT_STREAM.own(ctx, reader.get());
    body.streamGiven(new StreamHandle(handle.handle(), reader.get()));
    return WitValue.ok(handle);
  }

  private static WitValue outgoingStream(CallContext ctx, List<WitValue> a) {
    OutgoingBody body = OUTGOING_BODY.get(ctx, a.get(0));
    Optional<BodyWriter> writer = body.takeStream(HttpState.of(ctx));
    if (writer.isEmpty()) {
      return WitValue.err();
    }
    WitValue.HandleValue handle = WasiIo.OUTPUT_STREAM.own(ctx, writer.get());
    body.streamGiven(new StreamHandle(handle.handle(), writer.get()));
    return WitValue.ok(handle);
  }

  private static WitValue finishOutgoing(CallContext ctx, List<WitValue> a) {
    OutgoingBody body = OUTGOING_BODY.take(ctx, a.get(0));
    Optional<Fields> trailers = WitHttp.option(a.get(1)).map(h -> FIELDS.take(ctx, h));
    return body.finish(ctx, trailers)
        .<WitValue>map(e -> WitValue.err(e.toWit()))
        .orElse(WitValue.ok());
  }

  /** {@code option<result<result<option<trailers>, error-code>>>}. */
  private static WitValue trailers(CallContext ctx, FutureTrailers.State state) {
    return switch (state) {
      case FutureTrailers.Pending p -> WitValue.none();
      case FutureTrailers.Taken t -> WitValue.some(WitValue.err());
      case FutureTrailers.Ready r ->
          WitValue.some(
              WitValue.ok(
                  r.error().isPresent()
                      ? WitValue.err(r.error().get().toWit())
                      : WitValue.ok(
                          WitHttp.optionOf(r.trailers().map(t -> FIELDS.own(ctx, t.freeze()))))));
    };
  }

  /** {@code option<result<result<incoming-response, error-code>>>}. */
  private static WitValue response(CallContext ctx, FutureIncomingResponse.State state) {
    return switch (state) {
      case FutureIncomingResponse.Pending p -> WitValue.none();
      case FutureIncomingResponse.Taken t -> WitValue.some(WitValue.err());
      case FutureIncomingResponse.Arrived r ->
          WitValue.some(WitValue.ok(WitValue.ok(INCOMING_RESPONSE.own(ctx, r.response()))));
      case FutureIncomingResponse.Failed f ->
          WitValue.some(WitValue.ok(WitValue.err(f.error().toWit())));
    };
  }
}
