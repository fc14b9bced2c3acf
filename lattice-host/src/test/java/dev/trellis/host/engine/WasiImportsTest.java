package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.wrpc.wit.WitValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The WASI-importing fixtures, linked without a WASI host. */
class WasiImportsTest {

  @ParameterizedTest
  @ValueSource(strings = {"command", "reactor"})
  void withoutWasiEveryWasiImportIsReported(String fixture) {
    ComponentDefinition definition = Fixtures.load(fixture);
    LinkException e =
        assertThrows(LinkException.class, () -> Linker.create().instantiate(definition));
    assertEquals(expectedProblems(definition), new LinkedHashSet<>(e.problems()));
    assertTrue(e.problems().stream().allMatch(p -> p.contains("import 'wasi:")));
    assertTrue(
        e.problems()
            .contains(
                "component '"
                    + fixture
                    + "' import 'wasi:cli/environment@0.2.12' (function 'get-environment') is"
                    + " not satisfied: no host interface or instance provides it"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"command", "reactor"})
  void wasiImportsNeverBecomeStubs(String fixture) {
    ComponentDefinition definition = Fixtures.load(fixture);
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> Linker.create().withTrapUnknownImports(true).instantiate(definition));
    assertEquals(expectedProblems(definition), new LinkedHashSet<>(e.problems()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"command"})
  void newerCompatibleHostInterfacesSatisfyOlderImports(String fixture) {
    HostInterface environment =
        HostInterface.builder("wasi:cli/environment@0.2.15")
            .function("get-environment", (ctx, args) -> new WitValue.ListValue(List.of()))
            .function("get-arguments", (ctx, args) -> new WitValue.ListValue(List.of()))
            .build();
    HostInterface exitNextMinor =
        HostInterface.builder("wasi:cli/exit@0.3.0").action("exit", (ctx, args) -> {}).build();
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                Linker.create()
                    .withHostInterface(environment)
                    .withHostInterface(exitNextMinor)
                    .instantiate(Fixtures.load(fixture)));
    assertFalse(e.getMessage().contains("wasi:cli/environment"), e.getMessage());
    assertTrue(e.getMessage().contains("import 'wasi:cli/exit@0.2.12' (function 'exit')"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"command", "reactor"})
  void instantiatingRunsNoProgramCodeBeyondStartSections(String fixture) {
    ComponentDefinition definition = Fixtures.load(fixture);
    AtomicInteger hostCalls = new AtomicInteger();
    Linker linker = Linker.create();
    for (ExternItem item : definition.imports()) {
      linker = linker.withHostInterface(failingHost((ExternItem.Interface) item, hostCalls));
    }
    ComponentInstance instance = linker.instantiate(definition);
    assertEquals(0, hostCalls.get(), "a command's _start must not run at instantiation");
    assertFalse(instance.exports().isEmpty());
    if (fixture.equals("command")) {
      ComponentTrapException e =
          assertThrows(
              ComponentTrapException.class,
              () -> instance.function("wasi:cli/run#run").orElseThrow().call());
      assertEquals(ComponentTrapException.Kind.HOST_FUNCTION, e.kind());
      assertTrue(hostCalls.get() > 0);
    }
  }

  /** A host interface whose every function fails: enough to link, and counts calls. */
  private static HostInterface failingHost(ExternItem.Interface wanted, AtomicInteger calls) {
    HostInterface.Builder b = HostInterface.builder(wanted.name());
    for (var f : wanted.functions()) {
      if (f.results().isEmpty()) {
        b.action(f.name(), (ctx, args) -> fail(calls, f.name()));
      } else {
        b.function(f.name(), (ctx, args) -> fail(calls, f.name()));
      }
    }
    return b.build();
  }

  private static WitValue fail(AtomicInteger calls, String name) {
    calls.incrementAndGet();
    throw new IllegalStateException(name + " is not implemented in this test");
  }

  private static Set<String> expectedProblems(ComponentDefinition definition) {
    Set<String> out = new LinkedHashSet<>();
    String prefix = "component '" + definition.name() + "' import '";
    String suffix = " is not satisfied: no host interface or instance provides it";
    for (ExternItem item : definition.imports()) {
      assertTrue(item.name().startsWith("wasi:"), item.name());
      if (item instanceof ExternItem.Interface i && !i.functions().isEmpty()) {
        i.functions()
            .forEach(f -> out.add(prefix + i.name() + "' (function '" + f.name() + "')" + suffix));
      } else {
        out.add(prefix + item.name() + "' (interface)" + suffix);
      }
    }
    return out;
  }
}
