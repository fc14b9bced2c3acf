package dev.trellis.bench.engine;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.trellis.host.engine.ComponentFunction;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.wasi.Wasi;
import dev.trellis.host.wasi.WasiContext;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's costs, each beside the same operation done with raw Chicory on the same core module
 * (the floor): instantiation, a scalar call, a string call, and in-process component-to-component
 * calls. Fixtures: {@code bench-callee} (one core module, no imports), {@code bench-caller}
 * (imports bench-callee's interface), {@code reactor} (a C component with the WASI adapter).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineBench {
  /** Calls of add per {@code call-add-n} invocation, amortizing the host's own call. */
  public static final int INNER_CALLS = 1000;

  private static final String TEXT = "hello, trellis";
  private static final byte[] TEXT_BYTES = TEXT.getBytes(StandardCharsets.UTF_8);

  private ComponentPre calleePre;
  private ComponentPre wasiPre;
  private WasiContext wasiContext;
  private ComponentFunction add;
  private ComponentFunction echo;
  private ComponentFunction callAddN;
  private List<WitValue> addArgs;
  private List<WitValue> echoArgs;
  private List<WitValue> callAddNArgs;

  private WasmModule calleeModule;
  private Function<Instance, Machine> calleeMachines;
  private ExportFunction rawAdd;
  private ExportFunction rawEcho;
  private ExportFunction rawRealloc;
  private ExportFunction rawPostEcho;
  private Memory rawMemory;
  private ExportFunction rawCallAddN;

  @Setup
  public void setUp() {
    Engine engine = Engine.create();
    calleePre =
        Linker.create().prepare(engine.load("bench-callee", Fixtures.component("bench-callee")));
    ComponentInstance callee = calleePre.instantiate();
    add = callee.function("trellis:bench/math#add").orElseThrow();
    echo = callee.function("trellis:bench/math#echo").orElseThrow();
    ComponentInstance caller =
        Linker.create()
            .withInstance(callee)
            .instantiate(engine.load("bench-caller", Fixtures.component("bench-caller")));
    callAddN = caller.function("call-add-n").orElseThrow();
    addArgs = List.of(new WitValue.S32Value(1), new WitValue.S32Value(2));
    echoArgs = List.of(new WitValue.StringValue(TEXT));
    callAddNArgs = List.of(new WitValue.U32Value(INNER_CALLS));
    wasiContext = WasiContext.builder().build();
    wasiPre =
        Wasi.addTo(Linker.create(), wasiContext)
            .prepare(engine.load("reactor", Fixtures.component("reactor")));

    calleeModule = Parser.parse(Fixtures.coreModule("bench-callee"));
    calleeMachines = MachineFactoryCompiler.compile(calleeModule);
    Instance rawCallee = rawCallee();
    rawAdd = rawCallee.export("add");
    rawEcho = rawCallee.export("echo");
    rawRealloc = rawCallee.export("realloc");
    rawPostEcho = rawCallee.export("post-echo");
    rawMemory = rawCallee.memory();
    WasmModule callerModule = Parser.parse(Fixtures.coreModule("bench-caller"));
    ExportFunction target = rawAdd;
    HostFunction linked =
        new HostFunction(
            "math",
            "add",
            FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
            (instance, args) -> target.apply(args));
    Instance rawCaller =
        Instance.builder(callerModule)
            .withMachineFactory(MachineFactoryCompiler.compile(callerModule))
            .withImportValues(ImportValues.builder().addFunction(linked).build())
            .build();
    rawCallAddN = rawCaller.export("call-add-n");
  }

  private Instance rawCallee() {
    return Instance.builder(calleeModule).withMachineFactory(calleeMachines).build();
  }

  @Benchmark
  public Object instantiateComponent() {
    return calleePre.instantiate();
  }

  @Benchmark
  public Object instantiateCoreModuleFloor() {
    return rawCallee();
  }

  @Benchmark
  public Object instantiateWasiComponent() {
    return wasiPre.instantiate(Wasi.hostState(wasiContext));
  }

  @Benchmark
  public Object callScalar() {
    return add.call(addArgs);
  }

  @Benchmark
  public long callScalarFloor() {
    return rawAdd.apply(1, 2)[0];
  }

  @Benchmark
  public Object callString() {
    return echo.call(echoArgs);
  }

  /** What canon lift does for echo, by hand: realloc, copy in, call, read out, post-return. */
  @Benchmark
  public String callStringFloor() {
    int ptr = (int) rawRealloc.apply(0, 0, 1, TEXT_BYTES.length)[0];
    rawMemory.write(ptr, TEXT_BYTES);
    long[] ret = rawEcho.apply(ptr, TEXT_BYTES.length);
    int area = (int) ret[0];
    String result =
        new String(
            rawMemory.readBytes(rawMemory.readInt(area), rawMemory.readInt(area + 4)),
            StandardCharsets.UTF_8);
    rawPostEcho.apply(ret);
    return result;
  }

  @Benchmark
  public Object inProcessCalls() {
    return callAddN.call(callAddNArgs);
  }

  @Benchmark
  public long inProcessCallsFloor() {
    return rawCallAddN.apply(INNER_CALLS)[0];
  }
}
