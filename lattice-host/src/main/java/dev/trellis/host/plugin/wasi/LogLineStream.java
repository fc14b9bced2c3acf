package dev.trellis.host.plugin.wasi;

import dev.trellis.host.plugin.ComponentIdentity;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * A guest's standard output or error turned into log lines: each line becomes one SLF4J event with
 * the workload and component as fields. A line longer than {@value #MAX_LINE} bytes is logged in
 * pieces; a trailing partial line is logged when the instance's stream is closed.
 */
final class LogLineStream extends OutputStream {
  static final int MAX_LINE = 8192;

  private final Logger log;
  private final ComponentIdentity identity;
  private final String stream;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final ReentrantLock lock = new ReentrantLock();

  LogLineStream(Logger log, ComponentIdentity identity, String stream) {
    this.log = log;
    this.identity = identity;
    this.stream = stream;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    lock.lock();
    try {
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          emit();
        } else {
          line.write(bytes[i]);
          if (line.size() >= MAX_LINE) {
            emit();
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (line.size() > 0) {
        emit();
      }
    } finally {
      lock.unlock();
    }
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    log.info(
        "guest_output workload_id={} component={} stream={} line={}",
        identity.workloadId(),
        identity.component(),
        stream,
        text);
  }
}
