package dev.trellis.cli;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Flags of every command that runs a host or a scheduler ({@code host}, {@code scheduler}, {@code
 * up}): a Prometheus endpoint for the process' meters and OTLP export of its spans. Both are off
 * unless asked for; tracing follows the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} and {@code
 * OTEL_SERVICE_NAME} variables.
 */
final class ObservabilityOptions {
  @Option(
      names = "--metrics-addr",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:TRELLIS_METRICS_ADDR}",
      description =
          "Serve Prometheus metrics at http://HOST:PORT/metrics (port 0: a free one; default:"
              + " none). Env: TRELLIS_METRICS_ADDR.")
  String metricsAddr;

  @Option(
      names = "--otlp-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:OTEL_EXPORTER_OTLP_ENDPOINT}",
      description =
          "Export traces over OTLP/HTTP to this collector, e.g. http://127.0.0.1:4318 (default:"
              + " tracing off). Env: OTEL_EXPORTER_OTLP_ENDPOINT.")
  String otlpEndpoint;

  @Option(
      names = "--service-name",
      defaultValue = "${env:OTEL_SERVICE_NAME}",
      description = "The service.name of exported spans (default: trellis-<command>).")
  String serviceName;

  /**
   * Starts what the flags ask for, owned by {@code foreground} so it closes last (spans still
   * buffered are exported then). Runs before anything records: what is made earlier keeps the no-op
   * telemetry it saw.
   */
  void start(Foreground foreground, String command) {
    Optional<InetSocketAddress> metrics = metricsAddress();
    Optional<URI> traces = tracesEndpoint();
    if (traces.isPresent()) {
      String service =
          serviceName == null || serviceName.isBlank() ? "trellis-" + command : serviceName;
      OpenTelemetrySdk sdk = foreground.own(tracing(traces.get(), service));
      GlobalOpenTelemetry.set(sdk);
      System.err.printf("Exporting traces to %s as service '%s'.%n", traces.get(), service);
    }
    if (metrics.isPresent()) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      JvmGcMetrics gc = foreground.own(new JvmGcMetrics());
      gc.bindTo(registry);
      Metrics.addRegistry(registry);
      foreground.own(() -> Metrics.removeRegistry(registry));
      MetricsEndpoint endpoint = foreground.own(MetricsEndpoint.start(metrics.get(), registry));
      System.err.printf("Metrics at %s%n", endpoint.url());
    }
  }

  private static OpenTelemetrySdk tracing(URI endpoint, String service) {
    String base = endpoint.toString().replaceAll("/+$", "");
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build();
    Resource resource =
        Resource.getDefault()
            .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  /**
   * {@code --metrics-addr} as an address: {@code HOST:PORT}, {@code [v6]:PORT} or {@code :PORT}.
   */
  Optional<InetSocketAddress> metricsAddress() {
    if (metricsAddr == null || metricsAddr.isBlank()) {
      return Optional.empty();
    }
    String value = metricsAddr.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--metrics-addr '" + value + "': expected HOST:PORT, e.g. 127.0.0.1:9464");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--metrics-addr '" + value + "': the port must be a number in 0..65535", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--metrics-addr '" + value + "': the port must be a number in 0..65535");
    }
    return Optional.of(
        host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
  }

  /** {@code --otlp-endpoint} as an http(s) URL. */
  Optional<URI> tracesEndpoint() {
    if (otlpEndpoint == null || otlpEndpoint.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(otlpEndpoint.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--otlp-endpoint '" + otlpEndpoint + "': not a URL: " + e.getMessage(), e);
    }
    if (uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "--otlp-endpoint '"
              + otlpEndpoint
              + "': expected an http:// or https:// URL, e.g. http://127.0.0.1:4318");
    }
    return Optional.of(uri);
  }
}
