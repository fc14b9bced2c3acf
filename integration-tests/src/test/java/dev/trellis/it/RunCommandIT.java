package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trellis run} and {@code trellis inspect} as processes on the project's fixtures: stdio
 * wired, exit codes propagated, WAVE in and out, and precise errors.
 */
class RunCommandIT {
  private static final Path WASM = Path.of("..", "examples", "wasm").toAbsolutePath().normalize();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  @TempDir Path dir;

  private CliProcess.Result trellis(Map<String, String> env, Optional<Path> stdin, String... args) {
    try (CliProcess cli = CliProcess.start(dir, env, stdin, args)) {
      int code = cli.waitFor(TIMEOUT);
      return new CliProcess.Result(code, cli.stdout(), cli.stderr());
    }
  }

  private CliProcess.Result trellis(String... args) {
    return trellis(Map.of(), Optional.empty(), args);
  }

  private static String wasm(String name) {
    return WASM.resolve(name + ".wasm").toString();
  }

  @Test
  void aCommandGetsArgsEnvAndStdinAndItsOutputIsExact() throws Exception {
    Path stdin = Files.writeString(dir.resolve("stdin.txt"), "piped\n");
    CliProcess.Result result =
        trellis(
            Map.of(),
            Optional.of(stdin),
            "run",
            wasm("command"),
            "one",
            "--cat",
            "--env",
            "TRELLIS_NAME=Ada");
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("Hello, Ada!\nargc=2\nargv[1]=one\nargv[2]=--cat\npiped\n", result.stdout());
    assertTrue(result.stderr().endsWith("hello: done\n"), result.stderr());
  }

  @Test
  void theHostEnvironmentIsNotInheritedAndAFailingExitPropagates() {
    CliProcess.Result plain =
        trellis(Map.of("TRELLIS_NAME", "Leak"), Optional.empty(), "run", wasm("command"));
    assertEquals("Hello, world!\nargc=0\n", plain.stdout());
    CliProcess.Result failing = trellis("run", wasm("command"), "--env", "TRELLIS_EXIT_CODE=3");
    assertEquals(1, failing.exitCode(), failing.stderr());
  }

  @Test
  void invokeTakesWaveArgumentsAndPrintsTheWaveResult() {
    assertEquals("3\n", trellis("run", wasm("values"), "--invoke", "add(1, 2)").stdout());
    assertEquals(
        "\"Hello, Wasm!\"\n",
        trellis("run", wasm("values"), "--invoke", "greet(\"Wasm\")").stdout());
    CliProcess.Result record =
        trellis(
            "run",
            wasm("values"),
            "--invoke",
            "trellis:examples/values#point-add({x: 1, y: 2}, {x: 10, y: 20})");
    assertEquals(0, record.exitCode(), record.stderr());
    assertEquals("{x: 11, y: 22}\n", record.stdout());
  }

  @Test
  void badInvocationsAreNamedPrecisely() {
    CliProcess.Result badArg = trellis("run", wasm("values"), "--invoke", "add(1, \"x\")");
    assertEquals(1, badArg.exitCode());
    assertTrue(
        badArg.stderr().contains("trellis: expected s32, found string literal at line 1, column 8"),
        badArg.stderr());
    CliProcess.Result unknown = trellis("run", wasm("values"), "--invoke", "nope()");
    assertTrue(unknown.stderr().contains("trellis: no export named 'nope'"), unknown.stderr());
    CliProcess.Result notCommand = trellis("run", wasm("values"));
    assertTrue(notCommand.stderr().contains("is not a command"), notCommand.stderr());
  }

  @Test
  void unsatisfiedImportsAreListedOrTrapOnlyWhenCalled() {
    CliProcess.Result unsatisfied = trellis("run", wasm("calc"), "--invoke", "sum([1, 2])");
    assertEquals(1, unsatisfied.exitCode());
    assertTrue(
        unsatisfied.stderr().contains("import 'trellis:examples/math' (function 'add')"),
        unsatisfied.stderr());
    assertTrue(unsatisfied.stderr().contains("(function 'div-mod')"), unsatisfied.stderr());
    CliProcess.Result trapped =
        trellis("run", wasm("calc"), "--trap-unknown-imports", "--invoke", "sum([1, 2])");
    assertEquals(1, trapped.exitCode());
    assertTrue(
        trapped.stderr().contains("import 'trellis:examples/math#add' was called"),
        trapped.stderr());
  }

  @Test
  void inspectPrintsImportsAndExportsAsWit() {
    CliProcess.Result calc = trellis("inspect", wasm("calc"));
    assertEquals(0, calc.exitCode(), calc.stderr());
    assertTrue(
        calc.stdout()
            .contains(
                "  import trellis:examples/math: interface {\n"
                    + "    add: func(a: s32, b: s32) -> s32;\n"),
        calc.stdout());
    assertTrue(calc.stdout().contains("    sum: func(xs: list<s32>) -> s32;\n"), calc.stdout());
  }

  @Test
  void aMalformedComponentIsRejectedWithTheOffset() throws Exception {
    Path bad =
        Files.write(dir.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7});
    CliProcess.Result result = trellis("run", bad.toString(), "--invoke", "f()");
    assertEquals(1, result.exitCode());
    assertTrue(result.stderr().startsWith("trellis: "), result.stderr());
    assertTrue(result.stderr().contains("offset"), result.stderr());
  }
}
