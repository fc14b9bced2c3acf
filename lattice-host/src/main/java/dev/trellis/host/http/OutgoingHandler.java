package dev.trellis.host.http;

import static dev.trellis.host.http.HttpResources.FUTURE_INCOMING_RESPONSE;
import static dev.trellis.host.http.HttpResources.OUTGOING_REQUEST;
import static dev.trellis.host.http.HttpResources.REQUEST_OPTIONS;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.wrpc.wit.WitValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:http/outgoing-handler} on the JDK {@code HttpClient} (HTTP/1.1 for {@code http},
 * HTTP/2 via ALPN with HTTP/1.1 fallback for {@code https}). The destination must be in the
 * component's {@link AllowedHosts}; otherwise {@code handle} returns {@code HTTP-request-denied}
 * before any connection is made. The request body streams from the guest as the client asks for it,
 * and the response body is read one batch at a time as the guest reads it.
 */
final class OutgoingHandler {
  private static final Logger LOG = LoggerFactory.getLogger(OutgoingHandler.class);

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> CLIENT_OWNED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final OutgoingConfig config;
  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

  OutgoingHandler(OutgoingConfig config) {
    this.config = config;
  }

  HostInterface build(String version) {
    return HostInterface.builder("wasi:http/outgoing-handler@" + version)
        .function("handle", this::handle)
        .build();
  }

  private WitValue handle(CallContext ctx, List<WitValue> a) {
    OutgoingRequest request = OUTGOING_REQUEST.take(ctx, a.get(0));
    RequestOptions options =
        WitHttp.option(a.get(1))
            .map(h -> REQUEST_OPTIONS.take(ctx, h))
            .orElseGet(RequestOptions::new);
    Target target;
    try {
      target = target(request);
    } catch (BodyException e) {
      return WitValue.err(e.code().toWit());
    }
    if (!config.allowedHosts().permits(target.host(), target.port())) {
      LOG.info(
          "http outgoing request denied component={} host={} port={}",
          ctx.componentName(),
          target.host(),
          target.port());
      request.bodyPublisher().ifPresent(p -> p.abort("request denied"));
      return WitValue.err(HttpErrorCode.denied().toWit());
    }
    HttpRequest httpRequest = httpRequest(request, target, options);
    Duration connect = options.connectTimeout.orElse(config.connectTimeout());
    Optional<Duration> betweenBytes =
        Optional.of(options.betweenBytesTimeout.orElse(config.betweenBytesTimeout()));
    LOG.debug(
        "http outgoing request component={} method={} uri={}",
        ctx.componentName(),
        request.method,
        target.uri());
    CompletableFuture<IncomingResponse> response =
        client(connect)
            .sendAsync(httpRequest, HttpResponse.BodyHandlers.ofPublisher())
            .thenApply(r -> incoming(r, betweenBytes));
    return WitValue.ok(FUTURE_INCOMING_RESPONSE.own(ctx, new FutureIncomingResponse(response)));
  }

  /** Where a request goes. */
  private record Target(URI uri, String host, int port, boolean https) {}

  private static Target target(OutgoingRequest request) {
    String scheme = request.scheme.orElse("HTTPS").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new BodyException(
          HttpErrorCode.of("HTTP-protocol-error"), "unsupported scheme " + scheme);
    }
    String authority =
        request.authority.orElseThrow(
            () -> new BodyException(HttpErrorCode.of("HTTP-request-URI-invalid"), "no authority"));
    String path = request.pathWithQuery.orElse("/");
    try {
      URI uri = new URI(scheme + "://" + authority + (path.startsWith("/") ? path : "/" + path));
      if (uri.getHost() == null) {
        throw new BodyException(
            HttpErrorCode.of("HTTP-request-URI-invalid"), "no host in " + authority);
      }
      boolean https = scheme.equals("https");
      int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
      return new Target(uri, uri.getHost(), port, https);
    } catch (java.net.URISyntaxException e) {
      throw new BodyException(HttpErrorCode.of("HTTP-request-URI-invalid"), e.getMessage(), e);
    }
  }

  private static HttpRequest httpRequest(
      OutgoingRequest request, Target target, RequestOptions options) {
    Optional<Long> length = OutgoingRequest.contentLength(request.headers());
    HttpRequest.BodyPublisher body =
        request
            .bodyPublisher()
            .map(
                p ->
                    length.isPresent()
                        ? HttpRequest.BodyPublishers.fromPublisher(p, length.get())
                        : HttpRequest.BodyPublishers.fromPublisher(p))
            .orElseGet(HttpRequest.BodyPublishers::noBody);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target.uri())
            .method(request.method, body)
            .version(target.https() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    options.firstByteTimeout.ifPresent(builder::timeout);
    for (Field f : request.headers().entries()) {
      if (!CLIENT_OWNED.contains(f.name().toLowerCase(Locale.ROOT))) {
        try {
          builder.header(f.name(), f.valueString());
        } catch (IllegalArgumentException e) {
          LOG.debug("http outgoing header dropped name={} reason={}", f.name(), e.getMessage());
        }
      }
    }
    return builder.build();
  }

  private HttpClient client(Duration connectTimeout) {
    return clients.computeIfAbsent(
        connectTimeout,
        d ->
            HttpClient.newBuilder()
                .connectTimeout(d)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build());
  }

  private static IncomingResponse incoming(
      HttpResponse<java.util.concurrent.Flow.Publisher<List<java.nio.ByteBuffer>>> response,
      Optional<Duration> betweenBytes) {
    PublisherChunks chunks = new PublisherChunks(betweenBytes);
    response.body().subscribe(chunks);
    List<Field> headers = new ArrayList<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")) {
                values.forEach(v -> headers.add(Field.of(name, v)));
              }
            });
    return new IncomingResponse(
        response.statusCode(), Fields.trusted(headers), new IncomingBody(chunks, Optional::empty));
  }
}
