package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.wrpc.wit.WitValue;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process link call made visible to tracing: each call of the linked export is a child span
 * of whatever is current (the importer's invocation), and the callee runs inside it, so its own
 * outgoing calls nest below. Only made when tracing is on; it has no flat fast path, so calls take
 * the general lift/lower route.
 */
public final class TracedFunc extends Func {
  private final Func target;
  private final Tracer tracer;
  private final String spanName;
  private final String importer;
  private final String exporter;

  /**
   * @param target the linked export
   * @param tracer where the spans go
   * @param spanName the import as the importer names it ({@code iface#func})
   * @param importer the calling component
   * @param exporter the component whose export runs
   */
  public TracedFunc(Func target, Tracer tracer, String spanName, String importer, String exporter) {
    super(target.sig());
    this.target = target;
    this.tracer = Objects.requireNonNull(tracer, "tracer");
    this.spanName = spanName;
    this.importer = importer;
    this.exporter = exporter;
  }

  @Override
  public String name() {
    return target.name();
  }

  @Override
  public List<WitValue> call(List<WitValue> args, Optional<StringEncoding> sourceEncoding) {
    Span span =
        tracer
            .spanBuilder(spanName)
            .setAttribute("trellis.link", "in-process")
            .setAttribute("trellis.link.importer", importer)
            .setAttribute("trellis.link.exporter", exporter)
            .startSpan();
    try (Scope scope = span.makeCurrent()) {
      return target.call(args, sourceEncoding);
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      throw e;
    } finally {
      span.end();
    }
  }
}
