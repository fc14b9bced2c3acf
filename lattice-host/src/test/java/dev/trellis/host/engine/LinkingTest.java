package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** In-process linking between real components, host interfaces, and link errors. */
class LinkingTest {
  private static final String CALC = "trellis:examples/calculator#";

  @Test
  void calcCallsAdderInProcess() {
    ComponentInstance adder = Linker.create().instantiate(Fixtures.load("adder"));
    ComponentInstance calc = Linker.create().withInstance(adder).instantiate(Fixtures.load("calc"));
    assertEquals("46", Calls.wave(calc, CALC + "sum([1, 2, 3, 40])"));
    assertEquals("ok(3)", Calls.wave(calc, CALC + "quotient(7, 2)"));
    assertEquals("err(\"division by zero\")", Calls.wave(calc, CALC + "quotient(1, 0)"));
    assertEquals("\"7 / 2 = 3 remainder 1\"", Calls.wave(calc, CALC + "divide(7, 2)"));
    assertEquals("\"error: division by zero\"", Calls.wave(calc, CALC + "divide(1, 0)"));
    assertEquals("err(\"overflow\")", Calls.wave(calc, CALC + "quotient(-2147483648, -1)"));
  }

  @Test
  void calcCallsAHostInterface() {
    AtomicInteger adds = new AtomicInteger();
    HostInterface math =
        HostInterface.builder("trellis:examples/math")
            .function(
                "add",
                (ctx, args) -> {
                  adds.incrementAndGet();
                  return new WitValue.S32Value(WitArgs.s32(args.get(0)) + WitArgs.s32(args.get(1)));
                })
            .function(
                "div-mod",
                (ctx, args) -> {
                  int a = WitArgs.s32(args.get(0));
                  int b = WitArgs.s32(args.get(1));
                  if (b == 0) {
                    return new WitValue.ResultValue(
                        false, Optional.of(new WitValue.StringValue("host says no")));
                  }
                  return new WitValue.ResultValue(
                      true,
                      Optional.of(
                          new WitValue.TupleValue(
                              List.of(
                                  new WitValue.S32Value(a / b), new WitValue.S32Value(a % b)))));
                })
            .build();
    ComponentInstance calc =
        Linker.create().withHostInterface(math).instantiate(Fixtures.load("calc"));
    assertEquals("10", Calls.wave(calc, CALC + "sum([1, 2, 3, 4])"));
    assertEquals(4, adds.get());
    assertEquals("\"9 / 4 = 2 remainder 1\"", Calls.wave(calc, CALC + "divide(9, 4)"));
    assertEquals("\"error: host says no\"", Calls.wave(calc, CALC + "divide(9, 0)"));
  }

  @Test
  void valuesClientChecksEveryTypeAcrossALink() {
    ComponentInstance values = Linker.create().instantiate(Fixtures.load("values"));
    ComponentInstance client =
        Linker.create().withInstance(values).instantiate(Fixtures.load("values-client"));
    assertEquals("ok(44)", Calls.wave(client, "run-checks()"));
  }

  @Test
  void nestedCompositionLinksInsideOneComponent() {
    ComponentInstance composed = Linker.create().instantiate(Fixtures.load("composed"));
    assertEquals("10", Calls.wave(composed, CALC + "sum([1, 2, 3, 4])"));
    assertEquals("ok(3)", Calls.wave(composed, CALC + "quotient(7, 2)"));
    assertEquals("err(\"division by zero\")", Calls.wave(composed, CALC + "quotient(1, 0)"));
  }

  @Test
  void definitionsDescribeTheirImportsAsWit() {
    List<ExternItem> imports = Fixtures.load("calc").imports();
    assertEquals(1, imports.size());
    ExternItem.Interface math = (ExternItem.Interface) imports.get(0);
    assertEquals("trellis:examples/math", math.name());
    assertEquals(List.of("add", "div-mod"), math.functions().stream().map(f -> f.name()).toList());
    var divMod = math.functions().get(1);
    assertEquals(List.of("a", "b"), divMod.params().stream().map(p -> p.name()).toList());
    assertEquals("result<tuple<s32, s32>, string>", divMod.results().get(0).toString());
  }

  @Test
  void unsatisfiedImportsAreAllListed() {
    LinkException e =
        assertThrows(LinkException.class, () -> Linker.create().instantiate(Fixtures.load("calc")));
    assertEquals(
        List.of(
            "component 'calc' import 'trellis:examples/math' (function 'add') is not satisfied:"
                + " no host interface or instance provides it",
            "component 'calc' import 'trellis:examples/math' (function 'div-mod') is not"
                + " satisfied: no host interface or instance provides it"),
        e.problems());
    assertEquals("calc", e.component());
  }

  @Test
  void aHostInterfaceMissingAFunctionIsNamed() {
    HostInterface partial =
        HostInterface.builder("trellis:examples/math")
            .function("add", (ctx, args) -> new WitValue.S32Value(0))
            .action("div-mod", (ctx, args) -> {})
            .build();
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> Linker.create().withHostInterface(partial).instantiate(Fixtures.load("calc")));
    assertEquals(1, e.problems().size());
    assertTrue(
        e.problems().get(0).contains("(function 'div-mod')")
            && e.problems().get(0).contains("without a result"),
        e.getMessage());
  }

  @Test
  void unknownImportsCanTrapWhenCalled() {
    ComponentInstance calc =
        Linker.create().withTrapUnknownImports(true).instantiate(Fixtures.load("calc"));
    assertEquals("0", Calls.wave(calc, CALC + "sum([])"));
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(calc, CALC + "sum([1])"));
    assertTrue(e.getMessage().contains("trellis:examples/math#add"), e.getMessage());
    assertTrue(calc.isPoisoned());
    ComponentTrapException again =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(calc, CALC + "sum([])"));
    assertEquals(ComponentTrapException.Kind.POISONED, again.kind());
  }

  @Test
  void aTrapInTheExporterReachesTheImporterAndPoisonsBoth() {
    ComponentInstance adder = Linker.create().instantiate(Fixtures.load("adder"));
    HostInterface failing =
        HostInterface.builder("trellis:examples/math")
            .function(
                "add",
                (ctx, args) -> {
                  throw new IllegalStateException("adder is down");
                })
            .function(
                "div-mod",
                (ctx, args) -> adder.invoke("trellis:examples/math#div-mod", args).orElseThrow())
            .build();
    ComponentInstance calc =
        Linker.create().withHostInterface(failing).instantiate(Fixtures.load("calc"));
    assertEquals("ok(3)", Calls.wave(calc, CALC + "quotient(7, 2)"));
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(calc, CALC + "sum([1])"));
    assertEquals(ComponentTrapException.Kind.HOST_FUNCTION, e.kind());
    assertEquals("calc", e.component());
    assertEquals("trellis:examples/math#add", e.function());
    assertTrue(e.getCause() instanceof IllegalStateException);
    assertTrue(calc.isPoisoned());
  }
}
