package dev.trellis.it;

import dev.trellis.nats.NatsServerBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the local {@code nats-server} binary for what it can tell without serving: {@code -t -c} (a
 * config file's validity, with the environment its variables come from) and {@code --help}.
 */
final class NatsCheck {
  private NatsCheck() {}

  /** Exit code and combined output of one run. */
  record Result(int exitCode, String output) {}

  static Result test(Path config, Map<String, String> env) {
    return run(env, "-t", "-c", config.toString());
  }

  static String help() {
    return run(Map.of(), "--help").output();
  }

  private static Result run(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(NatsServerBinary.locateOrInstall(line -> {}).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("TRELLIS_") || k.startsWith("NATS_"));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("nats-server " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
