package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.ComponentTrapException.Kind;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Engine edge cases on the {@code probes} fixture: the empty-name import, tail calls, table growth
 * between instances, memory caps, deadlines, traps and poisoning, reentrance, SIMD.
 */
class ProbesTest {
  private static final AtomicReference<ComponentInstance> CALLBACK_TARGET = new AtomicReference<>();

  /** The host side of the probes' {@code blob} resource. */
  record Blob(long size) {}

  private static final List<Blob> DROPPED = new CopyOnWriteArrayList<>();
  private static final HostResource<Blob> BLOB =
      HostResource.of("blob", Blob.class, (ctx, blob) -> DROPPED.add(blob));

  /** Per-instance host state: how often this instance called back. */
  static final class Callbacks {
    int count;
  }

  private static final HostInterface ROOT =
      HostInterface.builder(Linker.ROOT)
          .function("answer", (ctx, args) -> new WitValue.U32Value(41))
          .build();
  private static final HostInterface HOST =
      HostInterface.builder("trellis:probes/host")
          .action(
              "callback",
              (ctx, args) -> {
                ctx.state().computeIfAbsent(Callbacks.class, Callbacks::new).count++;
                CALLBACK_TARGET.get().invoke("initialized");
              })
          .resource(BLOB)
          .constructor(BLOB, (ctx, args) -> BLOB.own(ctx, new Blob(WitArgs.u32(args.get(0)))))
          .method(
              BLOB, "size", (ctx, args) -> new WitValue.U32Value(BLOB.get(ctx, args.get(0)).size()))
          .build();

  private static ComponentInstance probes(Linker linker) {
    return linker
        .withHostInterface(HOST)
        .withHostInterface(ROOT)
        .instantiate(Fixtures.load("probes"));
  }

  @Test
  void startFunctionOfAModuleWithAnEmptyNamedImportRan() {
    assertEquals("true", Calls.wave(probes(Linker.create()), "initialized()"));
  }

  @Test
  void hostResourcesAreCreatedBorrowedAndDestroyed() {
    ComponentInstance probes = probes(Linker.create());
    DROPPED.clear();
    assertEquals("7", Calls.wave(probes, "blob-roundtrip(7)"));
    assertEquals(List.of(new Blob(7)), DROPPED);

    WitValue handle = Calls.invoke(probes, "make-blob(9)").orElseThrow();
    assertInstanceOf(WitValue.HandleValue.class, handle);
    assertEquals(1, DROPPED.size());
    probes.dropResource(handle);
    assertEquals(List.of(new Blob(7), new Blob(9)), DROPPED);
    assertFalse(probes.isPoisoned());
  }

  @Test
  void tailCallsRunDeeperThanTheJvmStackAllows() {
    assertEquals("42", Calls.wave(probes(Linker.create()), "count-down(200000)"));
  }

  @Test
  void tableGrowthDoesNotLeakIntoLaterInstances() {
    assertEquals("11", Calls.wave(probes(Linker.create()), "grow-table()"));
    assertEquals("11", Calls.wave(probes(Linker.create()), "grow-table()"));
  }

  @Test
  void memoryGrowsUpToTheCapOnly() {
    ComponentInstance capped =
        probes(Linker.create().withLimits(InstanceLimits.NONE.withMaxMemoryBytes(4 * 65_536)));
    assertEquals("1", Calls.wave(capped, "grow(2)"));
    assertEquals("-1", Calls.wave(capped, "grow(2)"));
    assertEquals("3", Calls.wave(capped, "grow(1)"));
    assertEquals("-1", Calls.wave(probes(Linker.create()), "grow(70000)"));
  }

  @Test
  void aMemoryLargerThanTheCapFailsInstantiation() {
    Linker linker = Linker.create().withLimits(InstanceLimits.NONE.withMaxMemoryBytes(0));
    ComponentTrapException e = assertThrows(ComponentTrapException.class, () -> probes(linker));
    assertTrue(e.getMessage().contains("capped at 0 pages"), e.getMessage());
  }

  @Test
  void aRunawayLoopIsStoppedByTheDeadline() {
    ComponentInstance probes =
        probes(
            Linker.create()
                .withLimits(InstanceLimits.NONE.withCallDeadline(Duration.ofMillis(100))));
    long start = System.nanoTime();
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "spin()"));
    assertEquals(Kind.DEADLINE, e.kind());
    assertEquals("spin", e.function());
    assertTrue(e.getMessage().contains("deadline of 100 ms exceeded"), e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt flag must be cleared");
    assertEquals(
        Kind.POISONED,
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "initialized()"))
            .kind());
  }

  @Test
  void callsWithinTheDeadlineLeaveNoInterruptBehind() throws InterruptedException {
    ComponentInstance probes =
        probes(
            Linker.create()
                .withLimits(InstanceLimits.NONE.withCallDeadline(Duration.ofMillis(50))));
    for (int i = 0; i < 100; i++) {
      assertEquals("true", Calls.wave(probes, "initialized()"));
    }
    Thread.sleep(100);
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aTrapPoisonsTheInstance() {
    ComponentInstance probes = probes(Linker.create());
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "boom()"));
    assertEquals(Kind.TRAP, e.kind());
    assertEquals("probes", e.component());
    assertTrue(
        e.getMessage().startsWith("component 'probes' function 'boom' trapped"), e.getMessage());
    assertTrue(probes.isPoisoned());
    ComponentTrapException later =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "initialized()"));
    assertEquals(Kind.POISONED, later.kind());
    assertEquals("true", Calls.wave(probes(Linker.create()), "initialized()"));
  }

  @Test
  void exhaustingTheCallStackTraps() {
    ComponentInstance probes = probes(Linker.create());
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "recurse(0)"));
    assertEquals(Kind.TRAP, e.kind());
    assertTrue(probes.isPoisoned());
    assertEquals("42", Calls.wave(probes(Linker.create()), "ask()"));
  }

  @Test
  void reenteringAnInstanceTraps() {
    ComponentInstance probes = probes(Linker.create());
    CALLBACK_TARGET.set(probes);
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "call-back()"));
    assertEquals(Kind.REENTRANCE, e.kind());
    assertTrue(probes.isPoisoned());
  }

  @Test
  void aHostCallbackIntoAnotherInstanceIsFine() {
    ComponentInstance other = probes(Linker.create());
    CALLBACK_TARGET.set(other);
    ComponentInstance probes = probes(Linker.create());
    assertEquals("()", Calls.wave(probes, "call-back()"));
    assertEquals("()", Calls.wave(probes, "call-back()"));
    assertEquals(2, probes.hostState().get(Callbacks.class).count);
    assertFalse(other.hostState().find(Callbacks.class).isPresent());
  }

  @Test
  void worldLevelImportsComeFromTheRootHostInterface() {
    assertEquals("42", Calls.wave(probes(Linker.create()), "ask()"));
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> Linker.create().withHostInterface(HOST).instantiate(Fixtures.load("probes")));
    assertEquals(
        List.of(
            "component 'probes' import 'answer' (function) is not satisfied: no host function or"
                + " instance provides it"),
        e.problems());
  }

  @Test
  void unknownImportsTrapOnlyWhenCalled() {
    ComponentInstance probes =
        Linker.create().withTrapUnknownImports(true).instantiate(Fixtures.load("probes"));
    assertEquals("true", Calls.wave(probes, "initialized()"));
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "call-back()"));
    assertTrue(e.getMessage().contains("trellis:probes/host#callback"), e.getMessage());
  }

  @Test
  void simdIsRejectedAtLoadTime() {
    ComponentLoadException e =
        assertThrows(
            ComponentLoadException.class,
            () -> Fixtures.ENGINE.load("simd", Fixtures.bytes("simd")));
    assertTrue(e.getMessage().startsWith("unsupported: SIMD"), e.getMessage());
  }

  @Test
  void theInterpreterRunsTheSameComponent() {
    Engine interpreter = Engine.create(new EngineOptions(true));
    ComponentInstance probes =
        Linker.create()
            .withHostInterface(HOST)
            .withHostInterface(ROOT)
            .withLimits(InstanceLimits.NONE.withCallDeadline(Duration.ofMillis(100)))
            .instantiate(interpreter.load("probes", Fixtures.bytes("probes")));
    assertEquals("42", Calls.wave(probes, "count-down(1000)"));
    assertEquals(
        Kind.DEADLINE,
        assertThrows(ComponentTrapException.class, () -> Calls.wave(probes, "spin()")).kind());
  }

  @Test
  void modulesAreCompiledOncePerDigest() {
    Fixtures.load("adder");
    int before = Fixtures.ENGINE.compiledModuleCount();
    ComponentDefinition again = Fixtures.ENGINE.load("adder-again", Fixtures.bytes("adder"));
    assertEquals(before, Fixtures.ENGINE.compiledModuleCount());
    assertEquals(Fixtures.load("adder").digest(), again.digest());
  }

  @Test
  void garbageIsALoadError() {
    ComponentLoadException e =
        assertThrows(
            ComponentLoadException.class, () -> Fixtures.ENGINE.load("junk", new byte[] {0, 1, 2}));
    assertInstanceOf(dev.trellis.host.engine.binary.ComponentDecodeException.class, e.getCause());
  }
}
