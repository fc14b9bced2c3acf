package dev.trellis.host.wasi;

import dev.trellis.host.HostException;

/**
 * Thrown by {@code wasi:cli/exit} to stop the guest at once. The engine reports it as the cause of
 * a {@link dev.trellis.host.engine.ComponentTrapException}; {@link Wasi#exitCode(Throwable)} and
 * {@link Wasi#runCommand} turn it back into the process exit code ({@code exit(ok)} is 0, {@code
 * exit(err)} is 1, {@code exit-with-code(n)} is {@code n}).
 */
public final class WasiExitException extends HostException {
  private static final long serialVersionUID = 1L;

  private final int code;

  /** The guest exited with {@code code}. */
  public WasiExitException(int code) {
    super("the guest exited with code " + code);
    this.code = code;
  }

  /** The exit code, 0 for success. */
  public int code() {
    return code;
  }
}
