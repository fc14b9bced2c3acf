package dev.trellis.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One {@code trellis} command running as its own operating-system process, exactly as a user starts
 * it, with stdout and stderr captured to files the test can wait on. Killing it with SIGKILL is how
 * tests make a host die.
 */
final class CliProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final List<String> command;

  private CliProcess(Process process, Path stdout, Path stderr, List<String> command) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.command = command;
  }

  /**
   * Starts {@code trellis args...} with the test's classpath and extra environment; JVM options in
   * {@code TRELLIS_JAVA_OPTS} apply to the process as the launcher applies them.
   */
  static CliProcess start(Path workDir, Map<String, String> env, String... args) {
    return start(workDir, env, Optional.empty(), args);
  }

  /** As {@link #start(Path, Map, String...)}, feeding {@code stdin} (a file) to the process. */
  static CliProcess start(
      Path workDir, Map<String, String> env, Optional<Path> stdin, String... args) {
    return start(workDir, env, List.of(), stdin, args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, run through {@code wrapper} (e.g. {@code ip netns exec
   * NAME}, which execs the JVM in place, so the process is still the JVM itself).
   */
  static CliProcess start(
      Path workDir,
      Map<String, String> env,
      List<String> wrapper,
      Optional<Path> stdin,
      String... args) {
    try {
      Files.createDirectories(workDir);
      Path out = Files.createTempFile(workDir, "stdout-", ".log");
      Path err = Files.createTempFile(workDir, "stderr-", ".log");
      List<String> command = new ArrayList<>(wrapper);
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // As the ./trellis launcher does: extra JVM options from TRELLIS_JAVA_OPTS.
      String javaOpts = env.getOrDefault("TRELLIS_JAVA_OPTS", "").strip();
      if (!javaOpts.isEmpty()) {
        command.addAll(List.of(javaOpts.split("\\s+")));
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      // As the ./trellis launcher does: where the repository (and its examples/) is.
      command.add("-Dtrellis.root=" + Path.of("..").toAbsolutePath().normalize());
      command.add("dev.trellis.cli.Main");
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(
                  ProcessBuilder.Redirect.from(stdin.orElse(Path.of("/dev/null")).toFile()));
      builder.environment().putAll(env);
      return new CliProcess(builder.start(), out, err, command);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start trellis " + String.join(" ", args), e);
    }
  }

  /** Runs a short command to completion and returns its result. */
  static Result run(Path workDir, Map<String, String> env, Duration timeout, String... args) {
    try (CliProcess cli = start(workDir, env, args)) {
      int code = cli.waitFor(timeout);
      return new Result(code, cli.stdout(), cli.stderr());
    }
  }

  /** Exit code, stdout and stderr of a finished command. */
  record Result(int exitCode, String stdout, String stderr) {}

  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "trellis did not finish within " + timeout + ": " + command + "\n" + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Waits until stdout or stderr contains {@code text}; fails with both outputs otherwise. */
  void awaitOutput(String text, Duration timeout) {
    awaitOutput(all -> all.contains(text), "output containing '" + text + "'", timeout);
  }

  void awaitOutput(Predicate<String> condition, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.test(stdout() + stderr())) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    if (condition.test(stdout() + stderr())) {
      return;
    }
    throw new AssertionError(
        "no " + what + " within " + timeout + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** SIGKILL, as a crash. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  /** SIGTERM, as Ctrl-C or a service manager would stop it; waits for the exit. */
  int terminate(Duration timeout) {
    process.destroy();
    return waitFor(timeout);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
