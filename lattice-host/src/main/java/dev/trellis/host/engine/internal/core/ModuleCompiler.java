package dev.trellis.host.engine.internal.core;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.trellis.host.engine.ComponentLoadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and compiles one core module: works around the empty-import parser limitation, rejects
 * SIMD with a clear message, keeps functions that use tail calls in the interpreter (compiled tail
 * calls become JVM calls and overflow the stack), and makes Chicory's interpreter fallback for
 * functions too large to compile visible in the log instead of silent.
 */
public final class ModuleCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleCompiler.class);
  private static final Pattern FALLBACK = Pattern.compile("WASM function index: (\\d+)");
  private static final int MAX_FALLBACKS = 10_000;

  private final boolean interpretOnly;

  /**
   * @param interpretOnly run every function in Chicory's interpreter (for debugging and for
   *     comparing against the compiler); the default is to compile
   */
  public ModuleCompiler(boolean interpretOnly) {
    this.interpretOnly = interpretOnly;
  }

  /**
   * Parses and compiles {@code bytes}.
   *
   * @param label names the module in messages, e.g. {@code core module 2 of component 'calc'}
   * @throws ComponentLoadException if the module does not parse, uses SIMD or does not compile
   */
  public CompiledModule compile(String digest, byte[] bytes, String label) {
    long start = System.nanoTime();
    byte[] parseable = EmptyImportNames.rewrite(bytes).orElse(bytes);
    WasmModule module;
    try {
      module = Parser.parse(parseable);
    } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
      throw new ComponentLoadException(label + " does not parse: " + e.getMessage(), e);
    } catch (IndexOutOfBoundsException | AssertionError e) {
      // Chicory 1.7.5's parser and validator index into their tables unchecked (and assert when
      // the JVM runs with -ea) for some malformed code: still a bad module, not a host failure
      throw new ComponentLoadException(
          label
              + " does not validate: malformed code ("
              + Objects.requireNonNullElse(e.getMessage(), "inconsistent function body")
              + ")",
          e);
    }
    rejectSimd(module, label);
    Set<Integer> tailCalls = tailCallFunctions(module);
    Set<Integer> interpreted = new TreeSet<>(tailCalls);
    Function<Instance, Machine> factory =
        interpretOnly ? InterpreterMachine::new : compileMachine(module, interpreted, label);
    LOG.debug(
        "core module compiled module={} digest={} functions={} tailCallFunctions={}"
            + " interpretedFunctions={} mode={} millis={}",
        label,
        digest,
        module.functionSection().functionCount(),
        tailCalls.size(),
        interpreted.size(),
        interpretOnly ? "interpreter" : "compiler",
        (System.nanoTime() - start) / 1_000_000);
    return new CompiledModule(digest, module, factory, imports(module), interpreted);
  }

  private static Function<Instance, Machine> compileMachine(
      WasmModule module, Set<Integer> interpreted, String label) {
    for (int attempt = 0; attempt < MAX_FALLBACKS; attempt++) {
      try {
        return MachineFactoryCompiler.builder(module)
            .withInterpreterFallback(InterpreterFallback.FAIL)
            .withInterpretedFunctions(Set.copyOf(interpreted))
            .compile();
      } catch (ChicoryException e) {
        OptionalInt tooLarge = tooLargeFunction(e);
        if (tooLarge.isEmpty()) {
          throw new ComponentLoadException(label + " does not compile: " + e.getMessage(), e);
        }
        LOG.warn(
            "core function too large for the compiler, interpreting it module={} function={}",
            label,
            tooLarge.getAsInt());
        interpreted.add(tooLarge.getAsInt());
      }
    }
    throw new ComponentLoadException(label + " does not compile: too many interpreted functions");
  }

  private static OptionalInt tooLargeFunction(ChicoryException e) {
    String message = Optional.ofNullable(e.getMessage()).orElse("");
    Matcher m = FALLBACK.matcher(message);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  private static List<CoreImport> imports(WasmModule module) {
    var section = module.importSection();
    List<CoreImport> out = new ArrayList<>(section.importCount());
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      out.add(
          new CoreImport(
              EmptyImportNames.original(imp.module()), imp.name(), imp.module(), imp.importType()));
    }
    return out;
  }

  /** Absolute indices of functions that contain a tail call. */
  private static Set<Integer> tailCallFunctions(WasmModule module) {
    int imported = module.importSection().count(ExternalType.FUNCTION);
    Set<Integer> out = new TreeSet<>();
    FunctionBody[] bodies = module.codeSection().functionBodies();
    for (int i = 0; i < bodies.length; i++) {
      for (Instruction ins : bodies[i].instructions()) {
        OpCode op = ins.opcode();
        if (op == OpCode.RETURN_CALL
            || op == OpCode.RETURN_CALL_INDIRECT
            || op == OpCode.RETURN_CALL_REF) {
          out.add(imported + i);
          break;
        }
      }
    }
    return out;
  }

  private static void rejectSimd(WasmModule module, String label) {
    for (FunctionType type : module.typeSection().types()) {
      if (type != null
          && (type.params().contains(ValType.V128) || type.returns().contains(ValType.V128))) {
        throw simd(label, "a function type uses v128");
      }
    }
    for (var global : module.globalSection().globals()) {
      if (ValType.V128.equals(global.valueType())) {
        throw simd(label, "a global is v128");
      }
    }
    FunctionBody[] bodies = module.codeSection().functionBodies();
    for (int i = 0; i < bodies.length; i++) {
      if (bodies[i].localTypes().contains(ValType.V128)) {
        throw simd(label, "function " + i + " has a v128 local");
      }
      for (Instruction ins : bodies[i].instructions()) {
        if ((ins.opcode().opcode() & 0xFF00) == 0xFD00) {
          throw simd(label, "function " + i + " uses " + ins.opcode());
        }
      }
    }
  }

  private static ComponentLoadException simd(String label, String detail) {
    return new ComponentLoadException(
        "unsupported: SIMD (v128) in "
            + label
            + ": "
            + detail
            + "; Chicory's compiler does not run the SIMD proposal");
  }
}
