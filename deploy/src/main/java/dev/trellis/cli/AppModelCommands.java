package dev.trellis.cli;

import dev.trellis.scheduler.api.ApiResponse.DeleteResult;
import dev.trellis.scheduler.api.ApiResponse.DeployModelResponse;
import dev.trellis.scheduler.api.ApiResponse.DeployResult;
import dev.trellis.scheduler.api.ApiResponse.PutModelResponse;
import dev.trellis.scheduler.api.ApiResponse.PutResult;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Diagnostic;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.manifest.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code trellis app} commands that change applications. */
final class AppModelCommands {
  private AppModelCommands() {}

  /** Reads a manifest file, {@code -} meaning standard input. */
  static String read(String file) {
    try {
      return file.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
  }

  static int put(AppOptions.Session session, String text) {
    PutModelResponse reply = session.client().put(text);
    if (reply.result() == PutResult.ERROR) {
      System.err.println("trellis: " + reply.message());
      return 1;
    }
    System.out.printf(
        "%s %s %s (%d version(s))%n",
        reply.result() == PutResult.CREATED ? "Created" : "Stored new version of",
        reply.name(),
        reply.currentVersion(),
        reply.totalVersions());
    return 0;
  }

  /** {@code trellis app put FILE}. */
  @Command(name = "put", mixinStandardHelpOptions = true, description = "Store a manifest version.")
  static final class Put implements Callable<Integer> {
    @Mixin AppOptions app;

    @Parameters(paramLabel = "FILE", description = "Manifest (YAML or JSON); - reads stdin.")
    String file;

    @Override
    public Integer call() {
      String text = read(file);
      try (AppOptions.Session session = app.open()) {
        return put(session, text);
      }
    }
  }

  /** {@code trellis app deploy NAME|FILE [--version V] [--wait]}. */
  @Command(
      name = "deploy",
      description =
          "Deploy an application (a stored name, or a manifest file that is put first);"
              + " --version rolls back or forward to a stored version.")
  static final class Deploy implements Callable<Integer> {
    @Mixin AppOptions app;

    // Only -h/--help: --version here names an application version, not Trellis'.
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "NAME|FILE", description = "Application name or manifest file.")
    String target;

    @Option(names = "--version", description = "Version to deploy (default: the newest).")
    String version;

    @Option(
        names = "--wait",
        arity = "0..1",
        fallbackValue = "2m",
        description = "Follow the rollout until deployed or failed (default limit: 2m).")
    Duration wait;

    @Override
    public Integer call() {
      try (AppOptions.Session session = app.open()) {
        String name = target;
        Optional<String> wanted = Optional.ofNullable(version);
        if (Files.isRegularFile(Path.of(target))) {
          String text = read(target);
          Application parsed = Manifests.parse(text).orThrow();
          name = parsed.name();
          boolean stored =
              session.client().versions(name).versions().stream()
                  .anyMatch(v -> v.version().equals(parsed.version()));
          if (!stored && put(session, text) != 0) {
            return 1;
          }
          wanted = wanted.or(() -> Optional.of(parsed.version()));
        }
        DeployModelResponse reply = session.client().deploy(name, wanted);
        if (reply.result() != DeployResult.ACKNOWLEDGED) {
          System.err.println("trellis: " + reply.message());
          return 1;
        }
        System.out.println(reply.message());
        return wait == null ? 0 : AppStatusCommand.follow(session, app.lattice, name, wait);
      }
    }
  }

  /** {@code trellis app undeploy NAME}. */
  @Command(
      name = "undeploy",
      mixinStandardHelpOptions = true,
      description = "Stop every workload of an application (its versions stay stored).")
  static final class Undeploy implements Callable<Integer> {
    @Mixin AppOptions app;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      try (AppOptions.Session session = app.open()) {
        DeployModelResponse reply = session.client().undeploy(name);
        boolean ok = reply.result() == DeployResult.ACKNOWLEDGED;
        (ok ? System.out : System.err).println((ok ? "" : "trellis: ") + reply.message());
        return ok ? 0 : 1;
      }
    }
  }

  /** {@code trellis app delete NAME [--version V]}. */
  @Command(
      name = "delete",
      description = "Delete one version, or the whole application (undeploying it).")
  static final class Delete implements Callable<Integer> {
    @Mixin AppOptions app;

    // Only -h/--help: --version here names an application version, not Trellis'.
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--version", description = "Only this version.")
    String version;

    @Override
    public Integer call() {
      try (AppOptions.Session session = app.open()) {
        var reply = session.client().delete(name, Optional.ofNullable(version));
        boolean ok = reply.result() != DeleteResult.ERROR;
        (ok ? System.out : System.err).println((ok ? "" : "trellis: ") + reply.message());
        return ok ? 0 : 1;
      }
    }
  }

  /** {@code trellis app validate FILE}: checks a manifest locally, no NATS needed. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check a manifest without storing it; every problem names its path.")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Manifest (YAML or JSON); - reads stdin.")
    String file;

    @Override
    public Integer call() {
      ParseResult result = Manifests.parse(read(file));
      result.warnings().forEach(w -> System.out.println("warning: " + w));
      for (Diagnostic error : result.errors()) {
        System.out.println("error: " + error);
      }
      return switch (result) {
        case ParseResult.Valid valid -> {
          System.out.printf(
              "%s %s is valid (%d component(s))%n",
              valid.application().name(),
              valid.application().version(),
              valid.application().spec().components().size());
          yield 0;
        }
        case ParseResult.Invalid invalid -> 1;
      };
    }
  }
}
