package dev.trellis.host.http;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code wasi:http/types.error-code}: the case name (one of the 39 WIT cases, e.g. {@code
 * HTTP-request-denied}) and its payload as a WIT value when the case has one. Guests hand these to
 * the host ({@code response-outparam.set(err(..))}) and receive them from it (outgoing requests).
 *
 * @param caseName the WIT case name
 * @param payload the case's payload, if it has one
 */
public record HttpErrorCode(String caseName, Optional<WitValue> payload) {
  /** Every case of {@code error-code}, as named in WIT. */
  public static final List<String> CASES =
      List.of(
          "DNS-timeout",
          "DNS-error",
          "destination-not-found",
          "destination-unavailable",
          "destination-IP-prohibited",
          "destination-IP-unroutable",
          "connection-refused",
          "connection-terminated",
          "connection-timeout",
          "connection-read-timeout",
          "connection-write-timeout",
          "connection-limit-reached",
          "TLS-protocol-error",
          "TLS-certificate-error",
          "TLS-alert-received",
          "HTTP-request-denied",
          "HTTP-request-length-required",
          "HTTP-request-body-size",
          "HTTP-request-method-invalid",
          "HTTP-request-URI-invalid",
          "HTTP-request-URI-too-long",
          "HTTP-request-header-section-size",
          "HTTP-request-header-size",
          "HTTP-request-trailer-section-size",
          "HTTP-request-trailer-size",
          "HTTP-response-incomplete",
          "HTTP-response-header-section-size",
          "HTTP-response-header-size",
          "HTTP-response-body-size",
          "HTTP-response-trailer-section-size",
          "HTTP-response-trailer-size",
          "HTTP-response-transfer-coding",
          "HTTP-response-content-coding",
          "HTTP-response-timeout",
          "HTTP-upgrade-failed",
          "HTTP-protocol-error",
          "loop-detected",
          "configuration-error",
          "internal-error");

  private static final Set<String> KNOWN = Set.copyOf(CASES);
  private static final Set<String> TIMEOUTS =
      Set.of("DNS-timeout", "connection-timeout", "HTTP-response-timeout");

  public HttpErrorCode {
    Objects.requireNonNull(caseName, "caseName");
    Objects.requireNonNull(payload, "payload");
    if (!KNOWN.contains(caseName)) {
      throw new HttpException("'" + caseName + "' is not a wasi:http error-code case");
    }
  }

  /** A case without payload (or whose payload is an absent option). */
  public static HttpErrorCode of(String caseName) {
    return new HttpErrorCode(caseName, Optional.empty());
  }

  /** {@code HTTP-request-denied}: the destination is not in the component's allowed hosts. */
  public static HttpErrorCode denied() {
    return of("HTTP-request-denied");
  }

  /** {@code internal-error(some(message))}. */
  public static HttpErrorCode internal(String message) {
    return new HttpErrorCode(
        "internal-error", Optional.of(WitValue.some(WitValue.string(message))));
  }

  /** {@code HTTP-request-body-size(some(size))} or its response twin. */
  static HttpErrorCode bodySize(boolean request, long size) {
    return new HttpErrorCode(
        request ? "HTTP-request-body-size" : "HTTP-response-body-size",
        Optional.of(WitValue.some(WitValue.u64(size))));
  }

  /** The HTTP status a server answers with when a handler reports this error instead of a reply. */
  public int status() {
    if (caseName.equals("HTTP-request-denied")) {
      return 403;
    }
    if (TIMEOUTS.contains(caseName) || caseName.equals("connection-read-timeout")) {
      return 504;
    }
    if (caseName.startsWith("DNS")
        || caseName.startsWith("destination")
        || caseName.startsWith("connection")
        || caseName.startsWith("TLS")
        || caseName.startsWith("HTTP-response")) {
      return 502;
    }
    return 500;
  }

  /** The error as a WIT {@code error-code} variant value. */
  public WitValue toWit() {
    return new WitValue.VariantValue(caseName, payload);
  }

  /** The case name with a string payload, if any, e.g. {@code internal-error: boom}. */
  public String describe() {
    return payload
        .flatMap(
            p ->
                p instanceof WitValue.OptionValue o
                        && o.value().isPresent()
                        && o.value().get() instanceof WitValue.StringValue s
                    ? Optional.of(caseName + ": " + s.value())
                    : Optional.empty())
        .orElse(caseName);
  }
}
