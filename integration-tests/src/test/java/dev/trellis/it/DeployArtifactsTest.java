package dev.trellis.it;

import static dev.trellis.it.DeployFiles.DEPLOY;
import static dev.trellis.it.DeployFiles.ROOT;
import static dev.trellis.it.DeployModel.CLUSTER_CONF;
import static dev.trellis.it.DeployModel.COMPOSE;
import static dev.trellis.it.DeployModel.K8S;
import static dev.trellis.it.DeployModel.SYSTEMD;
import static dev.trellis.it.DeployModel.containerPorts;
import static dev.trellis.it.DeployModel.containerfileLabels;
import static dev.trellis.it.DeployModel.containers;
import static dev.trellis.it.DeployModel.envFile;
import static dev.trellis.it.DeployModel.exposedPorts;
import static dev.trellis.it.DeployModel.k8sDocuments;
import static dev.trellis.it.DeployModel.k8sNatsConf;
import static dev.trellis.it.DeployModel.leaf;
import static dev.trellis.it.DeployModel.mainSources;
import static dev.trellis.it.DeployModel.natsImage;
import static dev.trellis.it.DeployModel.optionValue;
import static dev.trellis.it.DeployModel.parse;
import static dev.trellis.it.DeployModel.trellisCommandLines;
import static dev.trellis.it.DeployModel.trellisImage;
import static dev.trellis.it.DeployModel.value;
import static dev.trellis.it.DeployModel.variables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.host.HostConfig;
import dev.trellis.it.DeployFiles.CommandLineAt;
import dev.trellis.it.DeployFiles.NatsConf;
import dev.trellis.proto.TrellisVersion;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/**
 * The deployment artifacts under {@code deploy/} (systemd units, NATS cluster config, Kubernetes
 * manifests, compose file, Containerfile) only use what the code really has: every {@code trellis}
 * command line parses against the CLI's picocli model, every port agrees with the code's defaults
 * and across files, every {@code TRELLIS_*} variable is read by the code, and the images agree.
 */
class DeployArtifactsTest {
  @TempDir Path dir;

  static final Set<String> SERVERS = Set.of("host", "scheduler", "keyvalue-redis", "blobstore-fs");

  @Test
  void everyTrellisCommandLineParsesAgainstTheCli() {
    Map<String, Set<String>> kindsBySource = new LinkedHashMap<>();
    for (CommandLineAt at : trellisCommandLines()) {
      ParseResult leaf = leaf(parse(at));
      String name = leaf.commandSpec().name();
      assertTrue(
          SERVERS.contains(name), at.where() + ": runs `" + name + "`, not a server command");
      kindsBySource
          .computeIfAbsent(at.where().substring(0, at.where().indexOf(':')), k -> new TreeSet<>())
          .add(name);
    }
    // Every way of deploying runs hosts, schedulers and the key-value provider.
    for (String source : List.of("systemd", "k8s", "compose")) {
      assertTrue(
          kindsBySource
              .getOrDefault(source, Set.of())
              .containsAll(Set.of("host", "scheduler", "keyvalue-redis")),
          source + " runs " + kindsBySource.get(source));
    }
    // The check itself rejects a flag that does not exist.
    CommandLineAt bogus = new CommandLineAt("self-check", List.of("host", "--no-such-flag"));
    assertThrows(AssertionError.class, () -> parse(bogus));
  }

  @Test
  void portsAgreeWithTheCodeAndAcrossFiles() {
    int natsPort = URI.create(optionValue(List.of("host"), "--nats")).getPort();
    assertEquals(natsPort, (int) optionValue(List.of("up"), "--nats-port"), "NATS client port");
    int redisPort =
        URI.create(optionValue(List.of("provider", "keyvalue-redis"), "--redis")).getPort();

    NatsConf conf = NatsConf.parse("nats-cluster.conf", DeployFiles.read(CLUSTER_CONF));
    NatsConf k8sConf = k8sNatsConf();
    for (NatsConf c : List.of(conf, k8sConf)) {
      assertEquals(natsPort, c.clientPort(), "client port of a NATS config");
      assertEquals(3, c.routes().size(), "routes of a 3-node cluster");
      c.routes().forEach(r -> assertEquals(c.clusterPort(), NatsConf.port(r), "route " + r));
    }
    assertEquals(conf.monitorPort(), k8sConf.monitorPort());
    assertEquals(conf.clusterPort(), k8sConf.clusterPort());

    for (CommandLineAt at : trellisCommandLines()) {
      ParseResult leaf = leaf(parse(at));
      String urls = value(leaf, "--nats");
      for (String url : urls.split(",")) {
        assertEquals(natsPort, URI.create(url).getPort(), at.where() + ": --nats " + url);
      }
      if (leaf.commandSpec().name().equals("keyvalue-redis")) {
        String redis = value(leaf, "--redis");
        assertEquals(redisPort, URI.create(redis).getPort(), at.where() + ": --redis " + redis);
      }
    }
    for (String url : envFile().get("TRELLIS_NATS_URL").split(",")) {
      assertEquals(natsPort, URI.create(url).getPort(), "trellis.env TRELLIS_NATS_URL " + url);
    }

    // Kubernetes: named ports, Services and probes.
    Map<String, Integer> natsPorts =
        Map.of(
            "client", conf.clientPort(),
            "cluster", conf.clusterPort(),
            "monitor", conf.monitorPort());
    for (JsonNode doc : k8sDocuments()) {
      String where = "k8s " + doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText();
      if (doc.path("kind").asText().equals("Service")
          && doc.at("/metadata/name").asText().equals("nats")) {
        doc.at("/spec/ports")
            .forEach(
                p -> assertEquals(natsPorts.get(p.path("name").asText()), p.path("port").asInt()));
      }
      if (doc.path("kind").asText().equals("Service")
          && doc.at("/metadata/name").asText().equals("redis")) {
        assertEquals(redisPort, doc.at("/spec/ports/0/port").asInt(), where);
      }
      for (JsonNode container : containers(doc)) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        container
            .path("ports")
            .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        if (container.path("image").asText().equals(natsImage())) {
          assertEquals(natsPorts, ports, where + ": NATS container ports");
        }
        if (container.path("image").asText().equals(trellisImage())) {
          checkTrellisPorts(where, doc, container, ports);
        }
      }
    }

    // Compose: NATS monitoring and the hosts' HTTP ports.
    JsonNode services = DeployFiles.yamlDocuments(COMPOSE).get(0).path("services");
    JsonNode nats = services.path("nats");
    List<String> natsCommand = DeployFiles.strings(nats.path("command"));
    int composeMonitor = Integer.parseInt(natsCommand.get(natsCommand.indexOf("--http_port") + 1));
    assertTrue(
        DeployFiles.strings(nats.path("healthcheck").path("test")).stream()
            .anyMatch(w -> w.contains(":" + composeMonitor + "/healthz")),
        "compose NATS healthcheck uses the monitoring port");
    assertEquals(
        Set.of(natsPort, composeMonitor), containerPorts(nats), "compose NATS published ports");
    Set<Integer> exposed = exposedPorts();
    services
        .properties()
        .forEach(
            service -> {
              JsonNode svc = service.getValue();
              if (!svc.path("image").asText().equals(trellisImage())) {
                return;
              }
              List<String> args = DeployFiles.strings(svc.path("command"));
              ParseResult leaf =
                  leaf(parse(new CommandLineAt("compose:" + service.getKey(), args)));
              if (leaf.commandSpec().name().equals("host")) {
                int http = value(leaf, "--http-port");
                assertEquals(Set.of(http), containerPorts(svc), service.getKey());
                assertTrue(exposed.contains(http), "Containerfile EXPOSEs " + http);
              }
            });
  }

  private void checkTrellisPorts(
      String where, JsonNode doc, JsonNode container, Map<String, Integer> ports) {
    List<String> args = DeployFiles.strings(container.path("args"));
    ParseResult leaf = leaf(parse(new CommandLineAt(where, args)));
    if (leaf.commandSpec().name().equals("host")) {
      int http = value(leaf, "--http-port");
      assertTrue(http > 0, where + ": hosts serve wasi:http");
      assertEquals(http, ports.get("http"), where + ": containerPort http = --http-port");
      assertTrue(exposedPorts().contains(http), "Containerfile EXPOSEs " + http);
    }
    String metrics =
        leaf.commandSpec().findOption("--metrics-addr") == null
            ? null
            : value(leaf, "--metrics-addr");
    if (metrics != null) {
      int port = NatsConf.port(metrics);
      assertEquals(port, ports.get("metrics"), where + ": containerPort metrics = --metrics-addr");
      String annotation =
          doc.at("/spec/template/metadata/annotations").path("prometheus.io/port").asText();
      assertEquals(Integer.toString(port), annotation, where + ": prometheus.io/port");
    }
  }

  @Test
  void everyEnvironmentVariableIsReadByTheCodeOrTheNatsConfig() {
    String sources = mainSources();
    Map<String, String> env = new LinkedHashMap<>(envFile());
    for (JsonNode doc : k8sDocuments()) {
      for (JsonNode container : containers(doc)) {
        if (container.path("image").asText().equals(trellisImage())) {
          container.path("env").forEach(e -> env.put(e.path("name").asText(), "from k8s"));
        }
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String name : env.keySet()) {
      if (name.startsWith("TRELLIS_LABEL_")) {
        labels.put(name.substring("TRELLIS_LABEL_".length()).toLowerCase(Locale.ROOT), "x");
      } else {
        assertTrue(
            Pattern.compile("\\b" + name + "\\b").matcher(sources).find(),
            name + " is set by an artifact but read nowhere in src/main");
      }
    }
    assertFalse(labels.isEmpty(), "artifacts give hosts labels");
    HostConfig.generated().withLabels(labels); // throws on a key the host rejects

    // The NATS configs' $VARIABLES and the environments that fill them match both ways.
    Set<String> natsEnv = DeployFiles.envFile(SYSTEMD.resolve("nats.env")).keySet();
    assertEquals(
        natsEnv, variables(DeployFiles.read(CLUSTER_CONF)), "nats.env vs nats-cluster.conf");
    Set<String> podEnv = new TreeSet<>();
    for (JsonNode doc : k8sDocuments()) {
      for (JsonNode container : containers(doc)) {
        if (container.path("image").asText().equals(natsImage())) {
          container.path("env").forEach(e -> podEnv.add(e.path("name").asText()));
        }
      }
    }
    assertEquals(podEnv, variables(k8sNatsConf().text()), "NATS pod env vs its nats.conf");
  }

  @Test
  void imagesAgreeBetweenContainerfileComposeAndKubernetes() {
    Map<String, String> labels = containerfileLabels();
    String version = TrellisVersion.current().replace("-SNAPSHOT", "");
    assertEquals(version, labels.get("org.opencontainers.image.version"), "image version");
    String image = labels.get("org.opencontainers.image.title") + ":" + version;
    assertEquals(image, trellisImage());
    assertTrue(
        DeployFiles.read(DEPLOY.resolve("Containerfile")).contains("-t " + image + " "),
        "the Containerfile's build line tags " + image);

    Set<String> composeImages = new TreeSet<>();
    DeployFiles.yamlDocuments(COMPOSE)
        .get(0)
        .path("services")
        .forEach(s -> composeImages.add(s.path("image").asText()));
    Set<String> k8sImages = new TreeSet<>();
    k8sDocuments()
        .forEach(d -> containers(d).forEach(c -> k8sImages.add(c.path("image").asText())));
    assertEquals(k8sImages, composeImages, "the same images in compose and Kubernetes");
    assertTrue(k8sImages.contains(image), "Kubernetes runs " + image);
    assertTrue(k8sImages.contains(TestNats.IMAGE), "Kubernetes runs the test harness' NATS image");
  }

  @Test
  void containerfileShipsTheFatJarAndTheLauncher() throws Exception {
    Map<String, String> copies = new LinkedHashMap<>();
    String entrypoint = null;
    for (Map.Entry<String, String> instruction :
        DeployFiles.containerfile(DEPLOY.resolve("Containerfile"))) {
      if (instruction.getKey().equals("COPY")) {
        List<String> words = DeployFiles.words(instruction.getValue());
        copies.put(words.get(0), words.get(1));
      } else if (instruction.getKey().equals("ENTRYPOINT")) {
        entrypoint = DeployFiles.JSON.readTree(instruction.getValue()).get(0).asText();
      }
    }
    copies
        .keySet()
        .forEach(
            src -> assertTrue(Files.exists(ROOT.resolve(src)) || src.contains("target/"), src));
    String finalName =
        DeployFiles.read(DEPLOY.resolve("pom.xml"))
            .replaceAll("(?s).*<finalName>([^<]+)</finalName>.*", "$1");
    String jarDest = copies.get("deploy/target/" + finalName + ".jar");
    String launcherDest = copies.get("deploy/bin/trellis");
    assertTrue(
        jarDest != null && launcherDest != null, "COPY of the fat jar and launcher: " + copies);
    assertEquals(launcherDest, entrypoint);
    assertEquals(
        Path.of(jarDest),
        Path.of(launcherDest).getParent().resolve("../lib/trellis.jar").normalize());

    // The launcher runs the jar from that layout (when the reactor has built it).
    Path jar = DEPLOY.resolve("target/" + finalName + ".jar");
    if (Files.exists(jar)) {
      Path opt = Files.createDirectories(dir.resolve("opt/trellis"));
      Path bin = Files.createDirectories(opt.resolve("bin"));
      Files.copy(DEPLOY.resolve("bin/trellis"), bin.resolve("trellis"));
      Files.createDirectories(opt.resolve("lib"));
      Files.createSymbolicLink(opt.resolve("lib/trellis.jar"), jar);
      ProcessBuilder builder =
          new ProcessBuilder(bin.resolve("trellis").toString(), "version")
              .redirectErrorStream(true);
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes());
      assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "launcher finished");
      assertEquals(0, process.exitValue(), out);
      assertTrue(out.contains(TrellisVersion.current()), out);
    }
  }

  @Test
  void kubernetesManifestsHangTogether() {
    Set<String> files = new TreeSet<>();
    DeployFiles.files(K8S, ".yaml").forEach(f -> files.add(f.getFileName().toString()));
    files.remove("kustomization.yaml");
    JsonNode kustomization = DeployFiles.yamlDocuments(K8S.resolve("kustomization.yaml")).get(0);
    assertEquals(files, new TreeSet<>(DeployFiles.strings(kustomization.path("resources"))));

    Map<String, JsonNode> workloads = new LinkedHashMap<>();
    List<JsonNode> services = new ArrayList<>();
    for (JsonNode doc : k8sDocuments()) {
      String kind = doc.path("kind").asText();
      String name = doc.at("/metadata/name").asText();
      if (Set.of("Deployment", "DaemonSet", "StatefulSet").contains(kind)) {
        workloads.put(kind + "/" + name, doc);
        JsonNode selector = doc.at("/spec/selector/matchLabels");
        JsonNode labels = doc.at("/spec/template/metadata/labels");
        selector
            .properties()
            .forEach(e -> assertEquals(e.getValue(), labels.get(e.getKey()), kind + "/" + name));
        for (JsonNode container : containers(doc)) {
          Set<String> portNames = new HashSet<>();
          container.path("ports").forEach(p -> portNames.add(p.path("name").asText()));
          for (String probe : List.of("readinessProbe", "livenessProbe")) {
            JsonNode port = container.path(probe).path("httpGet").path("port");
            if (!port.isMissingNode()) {
              assertTrue(portNames.contains(port.asText()), name + " " + probe + " port " + port);
            }
          }
        }
      } else if (kind.equals("Service")) {
        services.add(doc);
      }
    }
    assertEquals(3, workloads.get("StatefulSet/nats").at("/spec/replicas").asInt());
    assertEquals(2, workloads.get("Deployment/trellis-scheduler").at("/spec/replicas").asInt());
    assertTrue(workloads.containsKey("DaemonSet/trellis-host"), workloads.keySet().toString());
    assertTrue(workloads.containsKey("Deployment/trellis-provider-keyvalue-redis"));
    for (JsonNode service : services) {
      JsonNode selector = service.at("/spec/selector");
      assertTrue(
          workloads.values().stream()
              .anyMatch(
                  w ->
                      selector.properties().stream()
                          .allMatch(
                              e ->
                                  e.getValue()
                                      .equals(
                                          w.at("/spec/template/metadata/labels").get(e.getKey())))),
          "Service " + service.at("/metadata/name").asText() + " selects a workload");
    }
  }

  @Test
  void natsConfigsPassNatsServersOwnCheck() throws Exception {
    Map<String, String> nodeEnv =
        Map.of("NATS_SERVER_NAME", "nats-1", "TRELLIS_NATS_PASSWORD", "a1b2c3d4e5f6");
    assertEquals(0, NatsCheck.test(CLUSTER_CONF, nodeEnv).exitCode(), "nats-cluster.conf");
    Path k8s = dir.resolve("k8s-nats.conf");
    Files.writeString(k8s, k8sNatsConf().text());
    Map<String, String> podEnv = Map.of("POD_NAME", "nats-0", "TRELLIS_NATS_PASSWORD", "a1b2c3d4");
    assertEquals(0, NatsCheck.test(k8s, podEnv).exitCode(), "the k8s ConfigMap's nats.conf");
    // The check can fail: without the password variable the config is rejected, naming it.
    NatsCheck.Result missing = NatsCheck.test(CLUSTER_CONF, Map.of("NATS_SERVER_NAME", "nats-1"));
    assertTrue(missing.exitCode() != 0 && missing.output().contains("TRELLIS_NATS_PASSWORD"));

    // Every flag given to nats-server exists in its --help.
    String help = NatsCheck.help();
    List<List<String>> natsCommands = new ArrayList<>();
    DeployFiles.unitValues(SYSTEMD.resolve("nats-server.service.d/trellis.conf"), "ExecStart")
        .stream()
        .filter(v -> !v.isEmpty())
        .forEach(v -> natsCommands.add(DeployFiles.words(v)));
    k8sDocuments()
        .forEach(
            d ->
                containers(d).stream()
                    .filter(c -> c.path("image").asText().equals(natsImage()))
                    .forEach(c -> natsCommands.add(DeployFiles.strings(c.path("command")))));
    natsCommands.add(
        DeployFiles.strings(
            DeployFiles.yamlDocuments(COMPOSE).get(0).at("/services/nats/command")));
    assertEquals(3, natsCommands.size(), natsCommands.toString());
    for (List<String> command : natsCommands) {
      assertTrue(command.get(0).endsWith("nats-server"), command.toString());
      command.stream()
          .filter(w -> w.startsWith("-"))
          .forEach(
              flag ->
                  assertTrue(
                      Pattern.compile("[\\s,]" + Pattern.quote(flag) + "[\\s,]")
                          .matcher(help)
                          .find(),
                      "nats-server has no flag " + flag));
    }
    String confPath = natsCommands.get(0).get(natsCommands.get(0).indexOf("-c") + 1);
    assertEquals(CLUSTER_CONF.getFileName(), Path.of(confPath).getFileName());
  }
}
