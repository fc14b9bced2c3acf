package dev.trellis.host.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Maps failures of the JDK {@code HttpClient} to {@code wasi:http} error codes. */
final class OutgoingErrors {
  private OutgoingErrors() {}

  /** The error code for {@code failure} (or the first cause that has one). */
  static HttpErrorCode of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BodyException b) {
        return b.code();
      }
      if (t instanceof HttpConnectTimeoutException) {
        return HttpErrorCode.of("connection-timeout");
      }
      if (t instanceof HttpTimeoutException) {
        return HttpErrorCode.of("HTTP-response-timeout");
      }
      if (t instanceof ConnectException) {
        return HttpErrorCode.of("connection-refused");
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return HttpErrorCode.of("destination-not-found");
      }
      if (t instanceof SSLHandshakeException) {
        return HttpErrorCode.of("TLS-certificate-error");
      }
      if (t instanceof SSLException) {
        return HttpErrorCode.of("TLS-protocol-error");
      }
      if (t instanceof CancellationException) {
        return HttpErrorCode.internal("request cancelled");
      }
    }
    if (failure instanceof IOException) {
      return HttpErrorCode.of("connection-terminated");
    }
    return HttpErrorCode.internal(String.valueOf(failure));
  }
}
