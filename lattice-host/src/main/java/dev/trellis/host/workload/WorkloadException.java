package dev.trellis.host.workload;

import dev.trellis.host.HostException;

/**
 * A workload cannot start or keep running. The message is what its status reports, naming the
 * cause: {@code unsatisfied import wasi:keyvalue/store@0.2.0-draft of component 'kv': ...}, {@code
 * image pull failed for component 'api': ...}, {@code trap in start of component 'x': ...}, or the
 * path of an invalid field of the request.
 */
public final class WorkloadException extends HostException {
  private static final long serialVersionUID = 1L;

  public WorkloadException(String message) {
    super(message);
  }

  public WorkloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
