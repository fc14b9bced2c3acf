package dev.trellis.it;

import static dev.trellis.it.DeployFiles.DEPLOY;
import static dev.trellis.it.DeployFiles.ROOT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.cli.TrellisCommand;
import dev.trellis.it.DeployFiles.CommandLineAt;
import dev.trellis.it.DeployFiles.NatsConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The deployment artifacts as the checks see them: every {@code trellis} command line in the
 * systemd units, Kubernetes manifests and compose file, parsed by the CLI's own picocli model, and
 * the images, ports and variables around them.
 */
final class DeployModel {
  static final Path K8S = DEPLOY.resolve("k8s");
  static final Path SYSTEMD = DEPLOY.resolve("systemd");
  static final Path COMPOSE = DEPLOY.resolve("compose/compose.yaml");
  static final Path CLUSTER_CONF = DEPLOY.resolve("nats/nats-cluster.conf");

  private DeployModel() {}

  static List<CommandLineAt> trellisCommandLines() {
    List<CommandLineAt> lines = new ArrayList<>();
    for (Path unit : DeployFiles.files(SYSTEMD, ".service")) {
      for (String exec : DeployFiles.unitValues(unit, "ExecStart")) {
        List<String> words = DeployFiles.words(exec);
        assertTrue(words.get(0).endsWith("/trellis"), unit + " starts " + words.get(0));
        lines.add(
            new CommandLineAt("systemd:" + unit.getFileName(), words.subList(1, words.size())));
      }
    }
    for (JsonNode doc : k8sDocuments()) {
      for (JsonNode container : containers(doc)) {
        if (container.path("image").asText().equals(trellisImage())) {
          assertTrue(container.path("command").isMissingNode(), "k8s keeps the image entrypoint");
          lines.add(
              new CommandLineAt(
                  "k8s:" + doc.at("/metadata/name").asText(),
                  DeployFiles.strings(container.path("args"))));
        }
      }
    }
    DeployFiles.yamlDocuments(COMPOSE)
        .get(0)
        .path("services")
        .properties()
        .forEach(
            s -> {
              if (s.getValue().path("image").asText().equals(trellisImage())) {
                lines.add(
                    new CommandLineAt(
                        "compose:" + s.getKey(),
                        DeployFiles.strings(s.getValue().path("command"))));
              }
            });
    return lines;
  }

  static ParseResult parse(CommandLineAt at) {
    try {
      return TrellisCommand.commandLine().parseArgs(at.args().toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(
          at.where() + ": `trellis " + String.join(" ", at.args()) + "`: " + e.getMessage(), e);
    }
  }

  static ParseResult leaf(ParseResult result) {
    ParseResult leaf = result;
    while (leaf.subcommand() != null) {
      leaf = leaf.subcommand();
    }
    return leaf;
  }

  static <T> T value(ParseResult leaf, String option) {
    OptionSpec spec = leaf.commandSpec().findOption(option);
    if (spec == null) {
      throw new AssertionError(leaf.commandSpec().qualifiedName() + " has no " + option);
    }
    return spec.getValue();
  }

  static <T> T optionValue(List<String> args, String option) {
    return value(leaf(parse(new CommandLineAt("defaults", args))), option);
  }

  static List<JsonNode> k8sDocuments() {
    List<JsonNode> docs = new ArrayList<>();
    DeployFiles.files(K8S, ".yaml").forEach(f -> docs.addAll(DeployFiles.yamlDocuments(f)));
    return docs;
  }

  static List<JsonNode> containers(JsonNode doc) {
    List<JsonNode> out = new ArrayList<>();
    doc.at("/spec/template/spec/containers").forEach(out::add);
    return out;
  }

  static NatsConf k8sNatsConf() {
    for (JsonNode doc : k8sDocuments()) {
      if (doc.path("kind").asText().equals("ConfigMap")) {
        return NatsConf.parse("k8s nats-config", doc.at("/data/nats.conf").asText());
      }
    }
    throw new AssertionError("no NATS ConfigMap in deploy/k8s");
  }

  static String trellisImage() {
    return image("trellis-scheduler");
  }

  static String natsImage() {
    return image("nats");
  }

  static String image(String workload) {
    return k8sDocuments().stream()
        .filter(d -> d.at("/metadata/name").asText().equals(workload) && d.has("spec"))
        .flatMap(d -> containers(d).stream())
        .map(c -> c.path("image").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no k8s workload " + workload));
  }

  static Map<String, String> envFile() {
    return DeployFiles.envFile(SYSTEMD.resolve("trellis.env"));
  }

  static Map<String, String> containerfileLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("([a-z.]+)=\"([^\"]*)\"")
            .matcher(
                DeployFiles.containerfile(DEPLOY.resolve("Containerfile")).stream()
                    .filter(e -> e.getKey().equals("LABEL"))
                    .map(Map.Entry::getValue)
                    .reduce("", (a, b) -> a + " " + b));
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }

  static Set<Integer> exposedPorts() {
    Set<Integer> ports = new TreeSet<>();
    DeployFiles.containerfile(DEPLOY.resolve("Containerfile")).stream()
        .filter(e -> e.getKey().equals("EXPOSE"))
        .forEach(
            e ->
                Arrays.stream(e.getValue().split("\\s+"))
                    .forEach(p -> ports.add(Integer.parseInt(p))));
    return ports;
  }

  /** The container side of compose {@code ports} entries ({@code [ip:]host:container}). */
  static Set<Integer> containerPorts(JsonNode service) {
    Set<Integer> ports = new TreeSet<>();
    service.path("ports").forEach(p -> ports.add(NatsConf.port(p.asText())));
    return ports;
  }

  static Set<String> variables(String natsConf) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\$([A-Z_][A-Z0-9_]*)").matcher(natsConf);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** All text under every module's {@code src/main}: where the code reads its variables. */
  static String mainSources() {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> ROOT.relativize(p).toString().matches("[^/]+/src/main/.*"))
          .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".xml"))
          .forEach(p -> all.append(DeployFiles.read(p)).append('\n'));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return all.toString();
  }
}
