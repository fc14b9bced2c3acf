package dev.trellis.host.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One request on the {@link TrellisHttpServer} and the means to answer it, for {@link
 * HttpHandler}s. Answer with {@link #respond} (a whole response) or, for components, through {@code
 * response-outparam}, which sends the head and then streams the body. Every answer carries the
 * request id in an {@code x-request-id} header. Used by one thread at a time.
 */
public final class ServerExchange implements ResponseChannel {
  /** The header carrying the request id. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  private enum Stage {
    NEW,
    HEAD_SENT,
    COMPLETE,
    ABORTED
  }

  private final String requestId;
  private final Request request;
  private final Response response;
  private final Callback callback;
  private Stage stage = Stage.NEW;
  private int status;

  ServerExchange(String requestId, Request request, Response response, Callback callback) {
    this.requestId = requestId;
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  /** The id generated for this request (also in logs and the {@code x-request-id} header). */
  public String requestId() {
    return requestId;
  }

  /** The method, e.g. {@code GET}. */
  public String method() {
    return request.getMethod();
  }

  /** The path and query as received, e.g. {@code /api/items?page=2}. */
  public String pathWithQuery() {
    String pq = request.getHttpURI().getPathQuery();
    return pq == null || pq.isEmpty() ? "/" : pq;
  }

  /** The path without the query. */
  public String path() {
    String p = request.getHttpURI().getPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  /** {@code https} on a secure connection, else {@code http}. */
  public String scheme() {
    return request.isSecure() ? "https" : "http";
  }

  /** The authority ({@code Host} header), if the request had one. */
  public Optional<String> authority() {
    return Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST));
  }

  /** The request's header lines in order. */
  public List<Field> headers() {
    List<Field> out = new ArrayList<>(request.getHeaders().size());
    for (HttpField f : request.getHeaders()) {
      out.add(Field.of(f.getName(), f.getValue() == null ? "" : f.getValue()));
    }
    return out;
  }

  /** The request body as a blocking stream. */
  public InputStream body() {
    return Content.Source.asInputStream(request);
  }

  /** The status sent, or 0 if none yet. */
  public int status() {
    return status;
  }

  /** Whether the head of a response was sent (or is being sent). */
  public boolean isAnswered() {
    return stage != Stage.NEW;
  }

  /** Sends a whole response. */
  public void respond(int code, List<Field> headers, byte[] body) {
    head(code, headers);
    write(ByteBuffer.wrap(body), true, Optional.empty());
  }

  /** Sends a plain-text error naming the request id, or aborts if a response was started. */
  public void respondError(int code, String message) {
    if (stage != Stage.NEW) {
      abort(message);
      return;
    }
    String text =
        code
            + " "
            + HttpStatus.getMessage(code)
            + "\n"
            + message
            + "\nrequest-id: "
            + requestId
            + "\n";
    respond(
        code,
        List.of(Field.of("content-type", "text/plain; charset=utf-8")),
        text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sets the status and headers of the response; they leave with the first body bytes. */
  void head(int code, List<Field> headers) {
    if (stage != Stage.NEW) {
      throw new HttpException("a response was already started for request " + requestId);
    }
    stage = Stage.HEAD_SENT;
    status = code;
    response.setStatus(code);
    HttpFields.Mutable out = response.getHeaders();
    boolean hasId = false;
    for (Field f : headers) {
      out.add(f.name(), f.valueString());
      hasId |= f.isNamed(REQUEST_ID_HEADER);
    }
    if (!hasId) {
      out.add(REQUEST_ID_HEADER, requestId);
    }
  }

  @Override
  public void write(ByteBuffer bytes, boolean last, Optional<Fields> trailers) {
    if (stage != Stage.HEAD_SENT) {
      throw new BodyException(
          HttpErrorCode.of("connection-terminated"), "the response is " + stage);
    }
    if (last && trailers.isPresent() && trailers.get().size() > 0) {
      HttpFields.Mutable t = HttpFields.build();
      trailers.get().entries().forEach(f -> t.add(f.name(), f.valueString()));
      response.setTrailersSupplier(() -> t);
    }
    try (Blocker.Callback written = Blocker.callback()) {
      response.write(last, bytes, written);
      written.block();
    } catch (IOException e) {
      abort("writing the response failed: " + e);
      throw new BodyException(
          HttpErrorCode.of("connection-terminated"), "the client went away: " + e, e);
    }
    if (last) {
      stage = Stage.COMPLETE;
    }
  }

  @Override
  public void abort(String reason) {
    if (stage == Stage.COMPLETE || stage == Stage.ABORTED) {
      return;
    }
    stage = Stage.ABORTED;
    callback.failed(new HttpException("request " + requestId + " aborted: " + reason));
  }

  /** Completes the exchange after the handler returned; what is unanswered becomes a 500. */
  void finish() {
    switch (stage) {
      case NEW -> {
        try {
          respondError(500, "the handler did not answer");
        } catch (BodyException e) {
          return; // aborted: the callback already failed
        }
        callback.succeeded();
      }
      case HEAD_SENT -> abort("the handler returned before finishing the response body");
      case COMPLETE -> callback.succeeded();
      case ABORTED -> {
        // the callback already failed
      }
    }
  }

  /** The request as a {@code wasi:http} incoming request whose body streams from the network. */
  IncomingRequest incomingRequest() {
    return new IncomingRequest(
        method(),
        Optional.of(pathWithQuery()),
        Optional.of(scheme()),
        authority(),
        () -> Fields.trusted(headers()),
        new IncomingBody(new ContentSourceChunks(request), this::requestTrailers));
  }

  private Optional<Fields> requestTrailers() {
    HttpFields trailers = request.getTrailers();
    if (trailers == null || trailers.size() == 0) {
      return Optional.empty();
    }
    List<Field> out = new ArrayList<>();
    trailers.forEach(f -> out.add(Field.of(f.getName(), f.getValue())));
    return Optional.of(Fields.trusted(out));
  }
}
