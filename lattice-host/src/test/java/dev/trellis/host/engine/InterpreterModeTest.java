package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.wrpc.wit.WitValue;
import org.junit.jupiter.api.Test;

/** The same fixtures with every core function in Chicory's interpreter instead of the compiler. */
class InterpreterModeTest {
  private static final Engine INTERPRETER = Engine.create(new EngineOptions(true));

  private static ComponentDefinition load(String name) {
    return INTERPRETER.load(name, Fixtures.bytes(name));
  }

  @Test
  void shimTablesHostCallsAndLinkingWork() {
    ComponentInstance values = Linker.create().instantiate(load("values"));
    ComponentInstance client =
        Linker.create().withInstance(values).instantiate(load("values-client"));
    assertEquals("ok(44)", Calls.wave(client, "run-checks()"));
  }

  @Test
  void resourcesAndDestructorsWork() {
    String c = "trellis:examples/counters#";
    ComponentInstance counters = Linker.create().instantiate(load("counter"));
    WitValue counter =
        counters.invoke(c + "[constructor]counter", new WitValue.S32Value(1)).orElseThrow();
    counters.dropResource(counter);
    assertEquals(new WitValue.U32Value(1), counters.invoke(c + "destroyed-total").orElseThrow());
  }

  @Test
  void compiledAndInterpretedComponentsLinkTogether() {
    ComponentInstance adder = Linker.create().instantiate(load("adder"));
    ComponentInstance calc = Linker.create().withInstance(adder).instantiate(Fixtures.load("calc"));
    assertEquals(
        "\"7 / 2 = 3 remainder 1\"", Calls.wave(calc, "trellis:examples/calculator#divide(7, 2)"));
  }
}
