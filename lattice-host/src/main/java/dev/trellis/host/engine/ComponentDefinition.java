package dev.trellis.host.engine;

import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.host.engine.internal.plan.ScopePlan;
import dev.trellis.host.engine.internal.plan.StaticItem;
import dev.trellis.host.engine.internal.types.ResolvedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded component: decoded, type-checked, its core modules compiled, and its instantiation
 * planned, all once. Immutable and thread-safe; instantiate it any number of times through a {@link
 * Linker}. Describes its imports and exports as WIT signatures.
 */
public final class ComponentDefinition {
  private final String name;
  private final String digest;
  private final ScopePlan plan;
  private final List<ExternItem> imports;
  private final List<ExternItem> exports;

  ComponentDefinition(String name, String digest, ScopePlan plan) {
    this.name = Objects.requireNonNull(name, "name");
    this.digest = Objects.requireNonNull(digest, "digest");
    this.plan = Objects.requireNonNull(plan, "plan");
    List<ExternItem> in = new ArrayList<>();
    for (ScopePlan.ImportSlot slot : plan.imports()) {
      in.add(describe(slot.name(), slot.item()));
    }
    this.imports = List.copyOf(in);
    List<ExternItem> out = new ArrayList<>();
    for (Map.Entry<String, StaticItem> e : plan.exportShape().exports().entrySet()) {
      out.add(describe(e.getKey(), e.getValue()));
    }
    this.exports = List.copyOf(out);
  }

  /** The component's name (given at load time or from its name section). */
  public String name() {
    return name;
  }

  /** SHA-256 of the component binary, hex. */
  public String digest() {
    return digest;
  }

  /** The imports, in binary order. */
  public List<ExternItem> imports() {
    return imports;
  }

  /** The exports, in binary order. */
  public List<ExternItem> exports() {
    return exports;
  }

  ScopePlan plan() {
    return plan;
  }

  @Override
  public String toString() {
    return "ComponentDefinition[" + name + ", sha256:" + digest + "]";
  }

  static ExternItem describe(String name, StaticItem item) {
    return switch (item) {
      case StaticItem.FuncItem f -> new ExternItem.Function(name, f.sig().toSignature(name));
      case StaticItem.InstanceItem i -> describeInstance(name, i);
      case StaticItem.TypeItem t -> new ExternItem.Type(name, describeType(t.type()));
      case StaticItem.ComponentItem c -> new ExternItem.Other(name, "component");
      case StaticItem.ModuleItem m -> new ExternItem.Other(name, "core module");
      case StaticItem.OpaqueItem o -> new ExternItem.Other(name, o.sort().label());
    };
  }

  private static ExternItem describeInstance(String name, StaticItem.InstanceItem instance) {
    List<FunctionSignature> functions = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    for (Map.Entry<String, StaticItem> e : instance.exports().entrySet()) {
      if (e.getValue() instanceof StaticItem.FuncItem f) {
        functions.add(f.sig().toSignature(e.getKey()));
      } else if (e.getValue() instanceof StaticItem.TypeItem t
          && t.type() instanceof ResolvedType.Resource) {
        resources.add(e.getKey());
      }
    }
    return new ExternItem.Interface(name, functions, resources);
  }

  private static String describeType(ResolvedType type) {
    return switch (type) {
      case ResolvedType.Resource r -> "resource " + r.type().name();
      case ResolvedType.Value v -> v.type().toString();
      case ResolvedType.Func f -> "func";
      case ResolvedType.Instance i -> "instance type";
      case ResolvedType.Component c -> "component type";
    };
  }
}
