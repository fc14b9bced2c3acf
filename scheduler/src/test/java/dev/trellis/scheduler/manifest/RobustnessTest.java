package dev.trellis.scheduler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged manifests never throw: every mutation of a valid manifest yields a result, and an invalid
 * result always explains itself.
 */
class RobustnessTest {
  private static final List<String> REPLACEMENTS =
      List.of("", "  -", ": :", "x: [", "- 1", "    name: 5", "  properties: ~", "'", "{}", "---");

  static List<String> validFiles() {
    return TestManifests.list("valid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void mutatedManifestsYieldResultsNotExceptions(String file) {
    String text = TestManifests.read("valid/" + file);
    SplittableRandom random = new SplittableRandom(file.hashCode());
    ManifestParser parser = TestManifests.parser();
    for (int round = 0; round < 300; round++) {
      String mutated = mutate(text, random);
      ParseResult result = parser.parse(mutated);
      switch (result) {
        case ParseResult.Valid valid ->
            assertEquals(
                valid.application(), parser.parse(Manifests.toYaml(valid.application())).orThrow());
        case ParseResult.Invalid invalid -> {
          assertFalse(invalid.errors().isEmpty());
          invalid.errors().stream()
              .filter(e -> e.path().equals(Diagnostic.DOCUMENT))
              .forEach(
                  e ->
                      assertTrue(
                          e.message().equals("manifest is empty")
                              || e.message().startsWith("must be a mapping"),
                          "a rule the readers missed surfaced from a record: " + e));
        }
      }
    }
  }

  private static String mutate(String text, SplittableRandom random) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes && !lines.isEmpty(); i++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(4)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.set(at, REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())));
        case 2 -> lines.add(at, lines.get(random.nextInt(lines.size())));
        default -> {
          String line = lines.get(at);
          int cut = random.nextInt(line.length() + 1);
          lines.set(at, line.substring(0, cut));
        }
      }
    }
    return String.join("\n", lines);
  }
}
