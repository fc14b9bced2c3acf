package dev.trellis.host.engine;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.binary.ComponentBinary;
import dev.trellis.host.engine.binary.ComponentDecodeException;
import dev.trellis.host.engine.binary.ComponentDecoder;
import dev.trellis.host.engine.internal.core.CompiledModule;
import dev.trellis.host.engine.internal.core.ModuleCompiler;
import dev.trellis.host.engine.internal.plan.Planner;
import dev.trellis.host.engine.internal.plan.ScopePlan;
import dev.trellis.wrpc.wit.WitModelException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component engine: turns component binaries into {@link ComponentDefinition}s. Each distinct
 * core module is parsed and compiled to JVM bytecode once per content digest (SHA-256) and shared
 * by every component and instance that embeds the same bytes, so instantiation never compiles.
 * Thread-safe; one engine per host.
 *
 * <pre>{@code
 * Engine engine = Engine.create();
 * ComponentDefinition calc = engine.load("calc", Files.readAllBytes(path));
 * ComponentInstance instance = Linker.create().withInstance(adder).instantiate(calc);
 * }</pre>
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final ModuleCompiler compiler;
  private final ConcurrentHashMap<String, CompletableFuture<CompiledModule>> modules =
      new ConcurrentHashMap<>();

  private Engine(EngineOptions options) {
    this.compiler = new ModuleCompiler(options.interpretOnly());
  }

  /** An engine that compiles core modules. */
  public static Engine create() {
    return new Engine(EngineOptions.DEFAULT);
  }

  /** An engine with {@code options}. */
  public static Engine create(EngineOptions options) {
    return new Engine(Objects.requireNonNull(options, "options"));
  }

  /** Loads a component, named by its name section (or {@code component}). */
  public ComponentDefinition load(byte[] bytes) {
    ComponentBinary binary = decode("component", bytes);
    String name = binary.componentNames().flatMap(n -> n.componentName()).orElse("component");
    return load(name, bytes, binary);
  }

  /**
   * Loads a component: decodes it, resolves its types, compiles its core modules (or takes them
   * from the cache) and plans its instantiation.
   *
   * @param name names the component in messages and logs
   * @throws ComponentLoadException if it does not decode, is inconsistent, or uses an unsupported
   *     feature
   */
  public ComponentDefinition load(String name, byte[] bytes) {
    return load(name, bytes, decode(name, bytes));
  }

  private ComponentDefinition load(String name, byte[] bytes, ComponentBinary binary) {
    long start = System.nanoTime();
    ScopePlan plan;
    try {
      plan = Planner.planRoot(binary, name, this::module);
    } catch (WitModelException e) {
      // the decoder checks labels with their offsets; this catches the rules only the type model
      // knows (e.g. two cases of one variant spelled alike)
      throw new ComponentLoadException(
          "component '" + name + "' has an invalid type: " + e.getMessage(), e);
    }
    String digest = sha256(bytes);
    LOG.info(
        "component loaded component={} digest={} imports={} exports={} steps={} millis={}",
        name,
        digest,
        plan.imports().size(),
        plan.exportShape().exports().size(),
        plan.stepCount(),
        (System.nanoTime() - start) / 1_000_000);
    return new ComponentDefinition(name, digest, plan);
  }

  /** The number of distinct core modules compiled so far. */
  public int compiledModuleCount() {
    return modules.size();
  }

  private static ComponentBinary decode(String name, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return ComponentDecoder.decode(bytes);
    } catch (ComponentDecodeException e) {
      throw new ComponentLoadException(
          "component '" + name + "' does not decode: " + e.getMessage(), e);
    }
  }

  private CompiledModule module(byte[] bytes, String label) {
    String digest = sha256(bytes);
    CompletableFuture<CompiledModule> mine = new CompletableFuture<>();
    CompletableFuture<CompiledModule> existing = modules.putIfAbsent(digest, mine);
    if (existing != null) {
      try {
        return existing.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof HostException h ? h : new HostException(label, e);
      }
    }
    try {
      CompiledModule compiled = compiler.compile(digest, bytes, label);
      mine.complete(compiled);
      return compiled;
    } catch (RuntimeException e) {
      modules.remove(digest, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
