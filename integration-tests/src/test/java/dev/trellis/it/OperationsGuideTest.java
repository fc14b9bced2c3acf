package dev.trellis.it;

import static dev.trellis.it.DeployFiles.DEPLOY;
import static dev.trellis.it.DeployFiles.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trellis.it.DeployFiles.CommandLineAt;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.Subjects.ModelOperation;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.manifest.ParseResult;
import dev.trellis.scheduler.reconcile.ReconcileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/operations.md} describes only what exists: its {@code trellis} commands parse against
 * the CLI, its manifests validate, and every subject, stream and bucket it (or an artifact under
 * {@code deploy/}) names is one {@link Subjects} or the scheduler builds.
 */
class OperationsGuideTest {
  private static final Path GUIDE = ROOT.resolve("docs/operations.md");
  private static final Pattern BLOCK = Pattern.compile("(?s)```(\\w*)\\n(.*?)```");
  private static final String P = "PLACEHOLDER";
  private static final Set<String> SUBJECT_PREFIXES =
      Set.of(
          "runtime.host",
          "runtime.operator",
          "wadm.api",
          "wadm.status",
          "wadm.evt",
          "trellis.evt",
          "trellis.provider",
          "trellis.host",
          "trellis.scheduler");

  @Test
  void everyTrellisCommandInTheGuideParses() {
    int commands = 0;
    for (String[] block : blocks()) {
      if (!block[0].equals("sh")) {
        continue;
      }
      for (String line : block[1].replace("\\\n", " ").split("\n")) {
        List<String> words = DeployFiles.words(line.strip());
        if (words.isEmpty()
            || !(words.get(0).equals("trellis") || words.get(0).equals("./trellis"))) {
          continue;
        }
        DeployModel.parse(new CommandLineAt("docs/operations.md", words.subList(1, words.size())));
        commands++;
      }
    }
    assertTrue(commands >= 8, "the guide shows trellis commands: " + commands);
  }

  @Test
  void everyManifestInTheGuideIsValid() {
    int manifests = 0;
    for (String[] block : blocks()) {
      if (block[0].equals("yaml") && block[1].contains("kind: Application")) {
        ParseResult result = Manifests.parse(block[1]);
        if (!(result instanceof ParseResult.Valid)) {
          fail("docs/operations.md manifest is invalid: " + result.errors());
        }
        manifests++;
      }
    }
    assertEquals(1, manifests);
  }

  @Test
  void everySubjectStreamAndBucketNamedExists() {
    List<String> templates = subjectTemplates();
    List<Path> texts = new ArrayList<>(List.of(GUIDE));
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      files
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  !DEPLOY.relativize(p).toString().startsWith("target")
                      && !p.toString().contains("/src/"))
          .forEach(texts::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Pattern subject =
        Pattern.compile("(?<![\\w./:-])((?:runtime|wadm|trellis)\\.[A-Za-z0-9_.*>{}-]+)");
    int checked = 0;
    for (Path file : texts) {
      Matcher m = subject.matcher(DeployFiles.read(file));
      while (m.find()) {
        String found = m.group(1).replaceAll("\\.+$", "");
        String[] tokens = found.split("\\.");
        if (tokens.length < 3 || !SUBJECT_PREFIXES.contains(tokens[0] + "." + tokens[1])) {
          continue;
        }
        assertTrue(
            templates.stream().anyMatch(t -> matches(tokens, t.split("\\."))),
            ROOT.relativize(file) + " names the subject " + found + ", which the code never uses");
        checked++;
      }
    }
    assertTrue(checked >= 5, "subjects checked: " + checked);
    assertFalse(
        matches(
            "runtime.host.x.workload.begin".split("\\."),
            "runtime.host.*.workload.start".split("\\.")));

    String guide = DeployFiles.read(GUIDE);
    Set<String> buckets =
        Set.of(
            Subjects.MANIFEST_BUCKET,
            ReconcileNames.PLACEMENT_BUCKET,
            ReconcileNames.LEASE_BUCKET,
            Subjects.configBucket(Subjects.DEFAULT_LATTICE));
    Matcher kv = Pattern.compile("KV_(\\w+)").matcher(guide);
    while (kv.find()) {
      assertTrue(buckets.contains(kv.group(1)), "the guide names the bucket " + kv.group(1));
    }
    for (String name :
        List.of(
            Subjects.MANIFEST_BUCKET,
            ReconcileNames.PLACEMENT_BUCKET,
            ReconcileNames.LEASE_BUCKET,
            Subjects.configBucket(Subjects.DEFAULT_LATTICE),
            Subjects.HEARTBEAT_STREAM,
            Subjects.STATUS_STREAM,
            Subjects.SCHEDULER_QUEUE_GROUP)) {
      assertTrue(guide.contains("`" + name + "`"), "the guide's backup section covers " + name);
    }
  }

  /** Every subject the code builds, with each variable part as {@code *}. */
  private static List<String> subjectTemplates() {
    List<String> subjects = new ArrayList<>();
    for (HostOperation op : HostOperation.values()) {
      subjects.add(Subjects.hostApi(P, op));
    }
    for (ModelOperation op : ModelOperation.values()) {
      subjects.add(Subjects.schedulerApi(P, op));
      subjects.add(Subjects.schedulerApi(P, op, P));
    }
    subjects.addAll(
        List.of(
            Subjects.heartbeat(P),
            Subjects.ALL_HEARTBEATS,
            Subjects.schedulerApiAll(P),
            Subjects.appStatus(P, P),
            Subjects.ALL_STATUSES,
            Subjects.schedulerEvent(P, P),
            Subjects.allSchedulerEvents(P),
            Subjects.hostInventory(P),
            Subjects.providerHeartbeat(P),
            Subjects.ALL_PROVIDER_HEARTBEATS,
            ReconcileNames.triggers(P),
            ReconcileNames.replicaPing(P, P)));
    return subjects.stream().map(s -> s.replace(P, "*")).toList();
  }

  /** Whether a named subject fits a template; {@code {x}}, {@code *} and {@code >} are wild. */
  static boolean matches(String[] named, String[] template) {
    for (int i = 0; i < named.length; i++) {
      if (named[i].equals(">") || (i < template.length && template[i].equals(">"))) {
        return true;
      }
      if (i >= template.length) {
        return false;
      }
      boolean wild = named[i].equals("*") || named[i].startsWith("{") || template[i].equals("*");
      if (!wild && !named[i].equals(template[i])) {
        return false;
      }
    }
    return named.length == template.length;
  }

  private static List<String[]> blocks() {
    List<String[]> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(DeployFiles.read(GUIDE));
    while (m.find()) {
      blocks.add(new String[] {m.group(1), m.group(2)});
    }
    Set<String> kinds = new TreeSet<>();
    blocks.forEach(b -> kinds.add(b[0]));
    assertTrue(
        kinds.containsAll(Set.of("sh", "yaml")), "the guide has sh and yaml blocks: " + kinds);
    return blocks;
  }
}
