package dev.trellis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.nats.NatsConnector;
import dev.trellis.scheduler.manifest.ConfigRef;
import dev.trellis.scheduler.store.ConfigStore;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trellis config ...}: the named configs of a lattice, kept in the KV bucket {@code
 * CONFIGDATA_{lattice}} as wasmCloud keeps them. A manifest's config without {@code properties}
 * names one; the scheduler passes its values to the workloads and rolls them over when it changes.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description =
        "Put, get, list and delete named configs (referenced by manifests as"
            + " `config: [{name: NAME}]`).",
    subcommands = {
      ConfigCommand.Put.class,
      ConfigCommand.Get.class,
      ConfigCommand.ListConfigs.class,
      ConfigCommand.Delete.class
    })
final class ConfigCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Flags of every {@code trellis config} command: where NATS is and which lattice. */
  static final class Options {
    @Mixin NatsOptions nats;

    @Option(
        names = "--lattice",
        defaultValue = "${env:TRELLIS_LATTICE:-default}",
        description = "Lattice name (default: ${DEFAULT-VALUE}). Env: TRELLIS_LATTICE.")
    String lattice;

    Connection connect() {
      return NatsConnector.connect(nats.config("trellis-cli"));
    }
  }

  /** {@code name}, which must be a valid config name; else a usage error naming it. */
  static String checkName(String name) {
    ConfigRef.storedNameProblem(name)
        .ifPresent(
            problem -> {
              throw new UsageException("NAME: " + problem, null);
            });
    return name;
  }

  /** The values {@code KEY=VALUE} arguments give; a usage error names the first bad one. */
  static Map<String, String> pairs(List<String> arguments) {
    Map<String, String> values = new TreeMap<>();
    for (String argument : arguments) {
      int eq = argument.indexOf('=');
      if (eq < 0) {
        throw new UsageException(
            "argument '" + argument + "' is not KEY=VALUE (no '=' in it)", null);
      }
      if (eq == 0) {
        throw new UsageException("argument '" + argument + "' has an empty KEY", null);
      }
      values.put(argument.substring(0, eq), argument.substring(eq + 1));
    }
    return values;
  }

  /** The values of a JSON file holding one object of strings; a usage error names what is wrong. */
  static Map<String, String> fromFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --from-file " + file + ": " + e.getMessage(), e);
    }
    try {
      return ConfigStore.decode(bytes);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--from-file " + file + " " + e.getMessage(), e);
    }
  }

  /** {@code trellis config put NAME KEY=VALUE... [--from-file F.json]}. */
  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      description =
          "Store a named config, replacing what it held: KEY=VALUE pairs, or a JSON object of"
              + " strings from --from-file (pairs override the file's keys).")
  static final class Put implements Callable<Integer> {
    @Mixin Options options;
    @Mixin StorageOptions storage;

    @Parameters(index = "0", paramLabel = "NAME", description = "Config name.")
    String name;

    @Parameters(
        index = "1..*",
        arity = "0..*",
        paramLabel = "KEY=VALUE",
        description = "Values of the config.")
    List<String> values = new ArrayList<>();

    @Option(
        names = "--from-file",
        paramLabel = "FILE",
        description = "JSON file with one object of string values, e.g. {\"url\": \"...\"}.")
    Path file;

    @Override
    public Integer call() {
      checkName(name);
      if (file == null && values.isEmpty()) {
        throw new UsageException("give at least one KEY=VALUE or --from-file", null);
      }
      Map<String, String> all = new TreeMap<>();
      if (file != null) {
        all.putAll(fromFile(file));
      }
      all.putAll(pairs(values));
      int replicas = storage.replicas();
      Connection connection = options.connect();
      try {
        ConfigStore store = ConfigStore.open(connection, options.lattice, replicas);
        store.put(name, all);
        System.out.printf(
            "Stored config %s (%d value(s)) in %s%n", name, all.size(), store.bucket());
        return 0;
      } finally {
        NatsConnector.closeQuietly(connection);
      }
    }
  }

  /** Output formats of {@code trellis config get}. */
  enum Output {
    text,
    json
  }

  /** {@code trellis config get NAME [--output json]}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Print a named config as KEY=VALUE lines, or as JSON.")
  static final class Get implements Callable<Integer> {
    @Mixin Options options;

    @Parameters(paramLabel = "NAME", description = "Config name.")
    String name;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "text",
        description = "text (KEY=VALUE lines) or json (default: ${DEFAULT-VALUE}).")
    Output output;

    @Override
    public Integer call() {
      checkName(name);
      Connection connection = options.connect();
      try {
        ConfigStore store = ConfigStore.existing(connection, options.lattice);
        return switch (store.lookup(name)) {
          case ConfigStore.Lookup.Found found -> {
            System.out.print(render(found.values(), output));
            yield 0;
          }
          case ConfigStore.Lookup.Missing missing -> {
            System.err.println(
                "trellis: config '" + name + "' not found in bucket " + store.bucket());
            yield 1;
          }
          case ConfigStore.Lookup.Malformed bad -> {
            System.err.println(
                "trellis: config '" + name + "' in bucket " + store.bucket() + " " + bad.problem());
            yield 1;
          }
        };
      } finally {
        NatsConnector.closeQuietly(connection);
      }
    }

    static String render(Map<String, String> values, Output output) {
      return switch (output) {
        case text -> {
          StringBuilder out = new StringBuilder();
          values.forEach(
              (k, v) -> out.append(k).append('=').append(v).append(System.lineSeparator()));
          yield out.toString();
        }
        case json -> {
          try {
            yield new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(values)
                + System.lineSeparator();
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print config values as JSON", e);
          }
        }
      };
    }
  }

  /** {@code trellis config list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the names of the lattice's named configs.")
  static final class ListConfigs implements Callable<Integer> {
    @Mixin Options options;

    @Override
    public Integer call() {
      Connection connection = options.connect();
      try {
        List<String> names = ConfigStore.existing(connection, options.lattice).list();
        names.forEach(System.out::println);
        if (names.isEmpty()) {
          System.out.println("(no configs)");
        }
        return 0;
      } finally {
        NatsConnector.closeQuietly(connection);
      }
    }
  }

  /** {@code trellis config del NAME}. */
  @Command(
      name = "del",
      mixinStandardHelpOptions = true,
      description =
          "Delete a named config (apps referencing it keep their running instances and wait).")
  static final class Delete implements Callable<Integer> {
    @Mixin Options options;

    @Parameters(paramLabel = "NAME", description = "Config name.")
    String name;

    @Override
    public Integer call() {
      checkName(name);
      Connection connection = options.connect();
      try {
        ConfigStore store = ConfigStore.existing(connection, options.lattice);
        if (!store.delete(name)) {
          System.err.println(
              "trellis: config '" + name + "' not found in bucket " + store.bucket());
          return 1;
        }
        System.out.println("Deleted config " + name + " from " + store.bucket());
        return 0;
      } finally {
        NatsConnector.closeQuietly(connection);
      }
    }
  }
}
