package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Everything a WASI guest may see of the outside world, and nothing more: its arguments and
 * environment, its standard streams, the directories it was granted, its clocks and randomness. A
 * guest gets no file system, no input and no output unless they are set here. Immutable; one
 * context may serve many instances (each gets its own per-instance state).
 *
 * @param arguments what {@code get-arguments} returns, the program name first by convention
 * @param environment what {@code get-environment} returns, in order
 * @param initialCwd what {@code initial-cwd} returns
 * @param stdin the guest's standard input; empty means it reads end-of-file at once
 * @param stdout where the guest's standard output goes
 * @param stderr where the guest's standard error goes
 * @param preopens the directories granted to the guest
 * @param wallClock the wall clock ({@code wasi:clocks/wall-clock}, file timestamps)
 * @param monotonicClock the monotonic clock and timer
 * @param random the cryptographically secure source ({@code wasi:random/random} and the insecure
 *     seed); must be thread-safe
 * @param insecureRandom the fast source for {@code wasi:random/insecure}; must be thread-safe
 */
public record WasiContext(
    List<String> arguments,
    List<Map.Entry<String, String>> environment,
    Optional<String> initialCwd,
    Optional<InputStream> stdin,
    OutputStream stdout,
    OutputStream stderr,
    List<Preopen> preopens,
    InstantSource wallClock,
    MonotonicClock monotonicClock,
    RandomGenerator random,
    RandomGenerator insecureRandom) {

  public WasiContext {
    arguments = List.copyOf(arguments);
    environment = environment.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    Objects.requireNonNull(initialCwd, "initialCwd");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    preopens = List.copyOf(preopens);
    Objects.requireNonNull(wallClock, "wallClock");
    Objects.requireNonNull(monotonicClock, "monotonicClock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(insecureRandom, "insecureRandom");
  }

  /** A context granting nothing: no arguments, no environment, no input, output discarded. */
  public static WasiContext empty() {
    return builder().build();
  }

  /** Starts a context that grants nothing until told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects a {@link WasiContext}; every setter replaces the earlier value. */
  public static final class Builder {
    private final List<String> arguments = new ArrayList<>();
    private final List<Map.Entry<String, String>> environment = new ArrayList<>();
    private Optional<String> initialCwd = Optional.empty();
    private Optional<InputStream> stdin = Optional.empty();
    private OutputStream stdout = OutputStream.nullOutputStream();
    private OutputStream stderr = OutputStream.nullOutputStream();
    private final List<Preopen> preopens = new ArrayList<>();
    private InstantSource wallClock = InstantSource.system();
    private MonotonicClock monotonicClock = MonotonicClock.system();
    private RandomGenerator random = new SecureRandom();
    private RandomGenerator insecureRandom = ThreadLocalRandom.current();

    private Builder() {}

    /** The arguments, the program name first by convention. */
    public Builder arguments(List<String> args) {
      arguments.clear();
      args.forEach(a -> arguments.add(Objects.requireNonNull(a, "argument")));
      return this;
    }

    /** As {@link #arguments(List)}. */
    public Builder arguments(String... args) {
      return arguments(List.of(args));
    }

    /** Adds one environment variable (later duplicates are kept, as the guest would see them). */
    public Builder env(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty() || name.indexOf('=') >= 0) {
        throw new HostException("environment variable name '" + name + "' is empty or has '='");
      }
      environment.add(Map.entry(name, value));
      return this;
    }

    /** Adds every variable of {@code variables}, in its iteration order. */
    public Builder env(Map<String, String> variables) {
      variables.forEach(this::env);
      return this;
    }

    /** The initial working directory the guest is told about. */
    public Builder initialCwd(String cwd) {
      initialCwd = Optional.of(cwd);
      return this;
    }

    /** The guest's standard input. */
    public Builder stdin(InputStream in) {
      stdin = Optional.of(in);
      return this;
    }

    /** Where standard output goes (the guest never closes it). */
    public Builder stdout(OutputStream out) {
      stdout = Objects.requireNonNull(out, "stdout");
      return this;
    }

    /** Where standard error goes (the guest never closes it). */
    public Builder stderr(OutputStream err) {
      stderr = Objects.requireNonNull(err, "stderr");
      return this;
    }

    /** Grants {@code hostDir} as {@code guestPath}, readable and writable. */
    public Builder preopen(Path hostDir, String guestPath) {
      return preopen(Preopen.of(hostDir, guestPath, false));
    }

    /** Grants {@code hostDir} as {@code guestPath}, read-only. */
    public Builder preopenReadOnly(Path hostDir, String guestPath) {
      return preopen(Preopen.of(hostDir, guestPath, true));
    }

    /** Grants a directory. */
    public Builder preopen(Preopen preopen) {
      preopens.add(Objects.requireNonNull(preopen, "preopen"));
      return this;
    }

    /** The wall clock. */
    public Builder wallClock(InstantSource clock) {
      wallClock = Objects.requireNonNull(clock, "wallClock");
      return this;
    }

    /** The monotonic clock. */
    public Builder monotonicClock(MonotonicClock clock) {
      monotonicClock = Objects.requireNonNull(clock, "monotonicClock");
      return this;
    }

    /** The secure random source (thread-safe). */
    public Builder random(RandomGenerator source) {
      random = Objects.requireNonNull(source, "random");
      return this;
    }

    /** The insecure random source (thread-safe). */
    public Builder insecureRandom(RandomGenerator source) {
      insecureRandom = Objects.requireNonNull(source, "insecureRandom");
      return this;
    }

    /** The context. */
    public WasiContext build() {
      return new WasiContext(
          arguments,
          environment,
          initialCwd,
          stdin,
          stdout,
          stderr,
          preopens,
          wallClock,
          monotonicClock,
          random,
          insecureRandom);
    }
  }
}
