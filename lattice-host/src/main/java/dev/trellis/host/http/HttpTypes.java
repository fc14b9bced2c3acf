package dev.trellis.host.http;

import static dev.trellis.host.http.HttpResources.FIELDS;
import static dev.trellis.host.http.HttpResources.OUTGOING_BODY;
import static dev.trellis.host.http.HttpResources.OUTGOING_REQUEST;
import static dev.trellis.host.http.HttpResources.OUTGOING_RESPONSE;
import static dev.trellis.host.http.HttpResources.REQUEST_OPTIONS;
import static dev.trellis.host.http.HttpResources.RESPONSE_OUTPARAM;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code wasi:http/types}: fields, requests, responses, request options and the response outparam
 * ({@link HttpBodies} adds bodies, futures and the incoming accessors to the same interface).
 */
final class HttpTypes {
  private HttpTypes() {}

  /** The whole {@code wasi:http/types} interface at {@code version}. */
  static HostInterface types(String version) {
    HostInterface.Builder b = HostInterface.builder("wasi:http/types@" + version);
    HttpBodies.declareResources(b);
    addFields(b);
    addOutgoingRequest(b);
    addRequestOptions(b);
    addOutgoingResponse(b);
    HttpBodies.addIncoming(b);
    HttpBodies.addBodies(b);
    return b.build();
  }

  private static void addFields(HostInterface.Builder b) {
    b.function("[constructor]fields", (ctx, a) -> FIELDS.own(ctx, Fields.create()))
        .function(
            "[static]fields.from-list",
            (ctx, a) -> {
              try {
                return WitValue.ok(FIELDS.own(ctx, Fields.fromList(WitHttp.entries(a.get(0)))));
              } catch (HeaderException e) {
                return WitHttp.headerError(e.error());
              }
            })
        .function(
            "[method]fields.get",
            (ctx, a) -> WitHttp.values(fields(ctx, a).get(WitArgs.string(a.get(1)))))
        .function(
            "[method]fields.has",
            (ctx, a) -> WitValue.bool(fields(ctx, a).has(WitArgs.string(a.get(1)))))
        .function(
            "[method]fields.set",
            (ctx, a) ->
                change(
                    () -> fields(ctx, a).set(WitArgs.string(a.get(1)), WitHttp.values(a.get(2)))))
        .function(
            "[method]fields.delete",
            (ctx, a) -> change(() -> fields(ctx, a).delete(WitArgs.string(a.get(1)))))
        .function(
            "[method]fields.append",
            (ctx, a) ->
                change(
                    () -> fields(ctx, a).append(WitArgs.string(a.get(1)), WitArgs.bytes(a.get(2)))))
        .function("[method]fields.entries", (ctx, a) -> WitHttp.entries(fields(ctx, a).entries()))
        .function("[method]fields.clone", (ctx, a) -> FIELDS.own(ctx, fields(ctx, a).copy()));
  }

  private static Fields fields(CallContext ctx, List<WitValue> a) {
    return FIELDS.get(ctx, a.get(0));
  }

  private static WitValue change(Runnable op) {
    try {
      op.run();
      return WitValue.ok();
    } catch (HeaderException e) {
      return WitHttp.headerError(e.error());
    }
  }

  private static void addOutgoingRequest(HostInterface.Builder b) {
    b.function(
            "[constructor]outgoing-request",
            (ctx, a) -> OUTGOING_REQUEST.own(ctx, new OutgoingRequest(FIELDS.take(ctx, a.get(0)))))
        .function(
            "[method]outgoing-request.body",
            (ctx, a) -> body(ctx, OUTGOING_REQUEST.get(ctx, a.get(0)).takeBody()))
        .function(
            "[method]outgoing-request.method", (ctx, a) -> WitHttp.method(request(ctx, a).method))
        .function(
            "[method]outgoing-request.set-method",
            (ctx, a) -> {
              String method = WitHttp.method(a.get(1));
              if (!FieldRules.validName(method)) {
                return WitValue.err();
              }
              request(ctx, a).method = method;
              return WitValue.ok();
            })
        .function(
            "[method]outgoing-request.path-with-query",
            (ctx, a) -> WitHttp.optionalString(request(ctx, a).pathWithQuery))
        .function(
            "[method]outgoing-request.set-path-with-query",
            (ctx, a) -> {
              Optional<String> path = WitHttp.optionalString(a.get(1));
              if (path.isPresent() && !validPath(path.get())) {
                return WitValue.err();
              }
              request(ctx, a).pathWithQuery = path;
              return WitValue.ok();
            })
        .function(
            "[method]outgoing-request.scheme", (ctx, a) -> WitHttp.scheme(request(ctx, a).scheme))
        .function(
            "[method]outgoing-request.set-scheme",
            (ctx, a) -> {
              request(ctx, a).scheme = WitHttp.scheme(a.get(1));
              return WitValue.ok();
            })
        .function(
            "[method]outgoing-request.authority",
            (ctx, a) -> WitHttp.optionalString(request(ctx, a).authority))
        .function(
            "[method]outgoing-request.set-authority",
            (ctx, a) -> {
              Optional<String> authority = WitHttp.optionalString(a.get(1));
              if (authority.isPresent() && !validAuthority(authority.get())) {
                return WitValue.err();
              }
              request(ctx, a).authority = authority;
              return WitValue.ok();
            })
        .function(
            "[method]outgoing-request.headers",
            (ctx, a) -> FIELDS.own(ctx, request(ctx, a).headers()));
  }

  private static OutgoingRequest request(CallContext ctx, List<WitValue> a) {
    return OUTGOING_REQUEST.get(ctx, a.get(0));
  }

  static boolean validPath(String path) {
    if (!path.isEmpty() && path.charAt(0) != '/' && path.charAt(0) != '?' && !path.equals("*")) {
      return false;
    }
    return path.chars().noneMatch(c -> c <= ' ' || c == 0x7f || c == '#');
  }

  static boolean validAuthority(String authority) {
    return !authority.isEmpty()
        && authority.chars().noneMatch(c -> c <= ' ' || c == 0x7f || c == '/' || c == '?');
  }

  private static void addRequestOptions(HostInterface.Builder b) {
    b.function(
        "[constructor]request-options", (ctx, a) -> REQUEST_OPTIONS.own(ctx, new RequestOptions()));
    option(b, "connect-timeout", o -> o.connectTimeout, (o, d) -> o.connectTimeout = d);
    option(b, "first-byte-timeout", o -> o.firstByteTimeout, (o, d) -> o.firstByteTimeout = d);
    option(
        b,
        "between-bytes-timeout",
        o -> o.betweenBytesTimeout,
        (o, d) -> o.betweenBytesTimeout = d);
  }

  private static void option(
      HostInterface.Builder b,
      String name,
      Function<RequestOptions, Optional<Duration>> getter,
      BiConsumer<RequestOptions, Optional<Duration>> setter) {
    b.function(
            "[method]request-options." + name,
            (ctx, a) -> WitHttp.duration(getter.apply(REQUEST_OPTIONS.get(ctx, a.get(0)))))
        .function(
            "[method]request-options.set-" + name,
            (ctx, a) -> {
              setter.accept(REQUEST_OPTIONS.get(ctx, a.get(0)), WitHttp.duration(a.get(1)));
              return WitValue.ok();
            });
  }

  private static void addOutgoingResponse(HostInterface.Builder b) {
    b.function(
            "[constructor]outgoing-response",
            (ctx, a) ->
                OUTGOING_RESPONSE.own(ctx, new OutgoingResponse(FIELDS.take(ctx, a.get(0)))))
        .function(
            "[method]outgoing-response.status-code",
            (ctx, a) -> WitValue.u16(OUTGOING_RESPONSE.get(ctx, a.get(0)).status()))
        .function(
            "[method]outgoing-response.set-status-code",
            (ctx, a) ->
                OUTGOING_RESPONSE.get(ctx, a.get(0)).setStatus(u16(a.get(1)))
                    ? WitValue.ok()
                    : WitValue.err())
        .function(
            "[method]outgoing-response.headers",
            (ctx, a) -> FIELDS.own(ctx, OUTGOING_RESPONSE.get(ctx, a.get(0)).headers()))
        .function(
            "[method]outgoing-response.body",
            (ctx, a) -> body(ctx, OUTGOING_RESPONSE.get(ctx, a.get(0)).takeBody()))
        .action("[static]response-outparam.set", HttpTypes::setOutparam)
        .function(
            "[method]response-outparam.send-informational",
            (ctx, a) ->
                WitValue.err(
                    HttpErrorCode.internal("informational responses are not supported").toWit()));
  }

  private static void setOutparam(CallContext ctx, List<WitValue> a) {
    ResponseOutparam out = RESPONSE_OUTPARAM.take(ctx, a.get(0));
    if (!(a.get(1) instanceof WitValue.ResultValue r) || r.payload().isEmpty()) {
      throw new HostException("response-outparam.set expects a result but got " + a.get(1));
    }
    if (r.isOk()) {
      out.respond(OUTGOING_RESPONSE.take(ctx, r.payload().get()));
    } else {
      out.fail(WitHttp.errorCode(r.payload().get()));
    }
  }

  private static WitValue body(CallContext ctx, Optional<OutgoingBody> body) {
    return body.<WitValue>map(x -> WitValue.ok(OUTGOING_BODY.own(ctx, x))).orElse(WitValue.err());
  }

  private static int u16(WitValue v) {
    if (v instanceof WitValue.U16Value u) {
      return u.value();
    }
    throw new HostException("expected a u16 but got " + v);
  }
}
