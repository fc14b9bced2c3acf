package dev.trellis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the deployment artifacts under {@code deploy/} the way their consumers do: YAML documents
 * (Kubernetes, compose), systemd unit lines with their continuations, shell words, Containerfile
 * instructions and the few settings of a NATS server config that tests rewrite or compare.
 */
final class DeployFiles {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DEPLOY = ROOT.resolve("deploy");
  private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private DeployFiles() {}

  /** A command line found in an artifact, with where it was found for error messages. */
  record CommandLineAt(String where, List<String> args) {}

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The files directly in {@code dir} whose names end with {@code suffix}, sorted. */
  static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Every YAML document of a file (Kubernetes files hold several, separated by ---). */
  static List<JsonNode> yamlDocuments(Path file) {
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse YAML " + file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse YAML: " + e.getMessage(), e);
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  /**
   * The {@code key=value} lines of a systemd unit (continuations joined), as (key, value) pairs in
   * file order; keys repeat ({@code ExecStart=} resets, as in a drop-in).
   */
  static List<Map.Entry<String, String>> unitEntries(Path unit) {
    String joined = read(unit).replace("\\\n", " ");
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (String line : joined.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("[")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq > 0) {
        entries.add(Map.entry(trimmed.substring(0, eq), trimmed.substring(eq + 1).strip()));
      }
    }
    return entries;
  }

  /** The values of {@code key} in a unit, in order. */
  static List<String> unitValues(Path unit, String key) {
    return unitEntries(unit).stream()
        .filter(e -> e.getKey().equals(key))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** {@code KEY=value} lines of an environment file, in order. */
  static Map<String, String> envFile(Path file) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : read(file).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new AssertionError(file + ": not KEY=value: " + line);
      }
      env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
    }
    return env;
  }

  /**
   * Splits a command line into words as a POSIX shell (and systemd) does for plain words, single
   * and double quotes; stops at an unquoted {@code #}, {@code |}, {@code &&}, {@code ;} or {@code
   * >}.
   */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (!inWord && (c == '#' || c == '|' || c == ';' || c == '>' || c == '&')) {
        break;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in: " + line);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Containerfile instructions (continuations joined) as (INSTRUCTION, arguments). */
  static List<Map.Entry<String, String>> containerfile(Path file) {
    String joined = read(file).replace("\\\n", " ");
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String line : joined.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int space = trimmed.indexOf(' ');
      out.add(Map.entry(trimmed.substring(0, space), trimmed.substring(space + 1).strip()));
    }
    return out;
  }

  /** The settings of a NATS server config that the lattice depends on. */
  record NatsConf(
      String text,
      String clientListen,
      String monitorListen,
      String clusterListen,
      List<String> routes) {
    private static final Pattern CLIENT = Pattern.compile("(?m)^listen:\\s*(\\S+)");
    private static final Pattern MONITOR = Pattern.compile("(?m)^http:\\s*(\\S+)");
    private static final Pattern CLUSTER =
        Pattern.compile("(?s)\\ncluster\\s*\\{.*?\\n\\s+listen:\\s*(\\S+)");
    private static final Pattern ROUTE = Pattern.compile("nats-route://([A-Za-z0-9.\\-]+:\\d+)");

    static NatsConf parse(String where, String text) {
      List<String> routes = new ArrayList<>();
      Matcher route = ROUTE.matcher(text);
      while (route.find()) {
        routes.add(route.group(1));
      }
      return new NatsConf(
          text,
          find(where, "top-level listen", CLIENT, text),
          find(where, "http (monitoring)", MONITOR, text),
          find(where, "cluster listen", CLUSTER, text),
          List.copyOf(routes));
    }

    private static String find(String where, String what, Pattern pattern, String text) {
      Matcher m = pattern.matcher(text);
      if (!m.find()) {
        throw new AssertionError(where + ": no " + what + " setting");
      }
      return m.group(1);
    }

    static int port(String hostPort) {
      return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    int clientPort() {
      return port(clientListen);
    }

    int monitorPort() {
      return port(monitorListen);
    }

    int clusterPort() {
      return port(clusterListen);
    }
  }
}
