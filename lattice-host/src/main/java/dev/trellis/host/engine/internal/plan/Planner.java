package dev.trellis.host.engine.internal.plan;

import com.dylibso.chicory.wasm.types.ExternalType;
import dev.trellis.host.engine.ComponentLoadException;
import dev.trellis.host.engine.binary.Alias;
import dev.trellis.host.engine.binary.ComponentBinary;
import dev.trellis.host.engine.binary.Definition;
import dev.trellis.host.engine.binary.ExternDesc;
import dev.trellis.host.engine.binary.Import;
import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.binary.SortIndex;
import dev.trellis.host.engine.internal.core.CompiledModule;
import dev.trellis.host.engine.internal.core.CoreImport;
import dev.trellis.host.engine.internal.types.ResolvedType;
import dev.trellis.host.engine.internal.types.TypeScope;
import dev.trellis.wrpc.wit.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a decoded component into a {@link ScopePlan}: walks the definitions in order, resolves
 * every index and type, compiles the core modules (through {@link ModuleSource}), plans nested
 * components per instantiation with their type arguments bound, and emits one {@link Step} per
 * definition that has a runtime effect. Everything that can be checked without running the guest is
 * checked here, so a bad binary fails at load time with a precise message.
 */
public final class Planner {
  /** Compiles (or fetches from the cache) the core module with these bytes. */
  @FunctionalInterface
  public interface ModuleSource {
    CompiledModule compile(byte[] bytes, String label);
  }

  private final ModuleSource modules;
  private final Scope scope;
  private final Optional<Map<String, StaticItem>> bindings;
  private final List<Step> steps = new ArrayList<>();
  private final List<ScopePlan.ImportSlot> imports = new ArrayList<>();
  private final List<ScopePlan.ExportSlot> exports = new ArrayList<>();
  private final Map<String, StaticItem> exportShape = new LinkedHashMap<>();
  private final List<Map<String, ExternalType>> coreInstanceExports = new ArrayList<>();
  private final List<String> funcNames = new ArrayList<>();
  private final List<String> instanceNames = new ArrayList<>();
  private final CanonPlanner canon;

  private Planner(ModuleSource modules, Scope scope, Optional<Map<String, StaticItem>> bindings) {
    this.modules = modules;
    this.scope = scope;
    this.bindings = bindings;
    this.canon = new CanonPlanner(scope, steps, funcNames);
  }

  /** Plans an outermost component; its imports stay open for the linker. */
  public static ScopePlan planRoot(ComponentBinary binary, String name, ModuleSource modules) {
    Scope scope = new Scope(Optional.empty(), TypeScope.root(), name, binary.componentNames());
    return new Planner(modules, scope, Optional.empty()).plan(binary);
  }

  private ScopePlan plan(ComponentBinary binary) {
    for (Definition definition : binary.definitions()) {
      define(definition);
    }
    int[] sizes = {
      coreInstanceExports.size(),
      scope.size(Sort.CORE_FUNC),
      scope.size(Sort.CORE_MEMORY),
      scope.size(Sort.CORE_TABLE),
      scope.size(Sort.CORE_GLOBAL),
      scope.size(Sort.FUNC),
      scope.size(Sort.INSTANCE)
    };
    return new ScopePlan(
        scope.componentName(),
        steps,
        sizes,
        imports,
        exports,
        new StaticItem.InstanceItem(exportShape));
  }

  private void define(Definition definition) {
    switch (definition) {
      case Definition.CoreModule m -> coreModule(m);
      case Definition.CoreInstantiate i -> coreInstantiate(i);
      case Definition.CoreInlineInstance b -> coreBag(b);
      case Definition.CoreTypeDef t -> scope.addCore(Sort.CORE_TYPE);
      case Definition.NestedComponent n -> nestedComponent(n);
      case Definition.Instantiate i -> instantiate(i);
      case Definition.InlineInstance i -> inlineInstance(i);
      case Alias a -> alias(a);
      case Definition.TypeDef t -> canon.typeDef(t);
      case Definition.Canon c -> canon.canon(c.function());
      case Import i -> importDef(i);
      case Definition.Export e -> export(e);
    }
  }

  private void coreModule(Definition.CoreModule m) {
    int index = scope.size(Sort.CORE_MODULE);
    String label =
        "core module "
            + index
            + scope.debugName(Sort.CORE_MODULE, index).map(n -> " (" + n + ")").orElse("")
            + " of component '"
            + scope.componentName()
            + "'";
    scope.add(new StaticItem.ModuleItem(modules.compile(m.bytes().toArray(), label)));
  }

  private void coreInstantiate(Definition.CoreInstantiate def) {
    if (!(scope.item(Sort.CORE_MODULE, def.moduleIndex()) instanceof StaticItem.ModuleItem m)) {
      throw error("core module " + def.moduleIndex() + " is not a module this engine can run");
    }
    CompiledModule module = m.module();
    Map<String, Integer> args = new HashMap<>();
    for (Definition.CoreInstantiateArg arg : def.args()) {
      checkCoreInstance(arg.instanceIndex());
      args.put(arg.name(), arg.instanceIndex());
    }
    int target = coreInstanceExports.size();
    String label = "core instance " + target + " of core module " + def.moduleIndex();
    List<Step.ImportSource> sources = new ArrayList<>();
    for (CoreImport imp : module.imports()) {
      Integer from = args.get(imp.module());
      if (from == null) {
        throw error(label + " imports '" + imp.module() + "' but no argument has that name");
      }
      requireCoreExport(from, imp.name(), imp.kind(), label);
      sources.add(new Step.ImportSource(from, imp.name(), imp.kind(), imp.chicoryModule()));
    }
    steps.add(
        new Step.CoreInstantiate(target, module, sources.toArray(new Step.ImportSource[0]), label));
    Map<String, ExternalType> exported = new HashMap<>();
    var section = module.module().exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      exported.put(section.getExport(i).name(), section.getExport(i).exportType());
    }
    coreInstanceExports.add(exported);
  }

  private void coreBag(Definition.CoreInlineInstance bag) {
    int n = bag.exports().size();
    String[] names = new String[n];
    Sort[] sorts = new Sort[n];
    int[] indices = new int[n];
    Map<String, ExternalType> exported = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Definition.CoreInlineExport e = bag.exports().get(i);
      names[i] = e.name();
      sorts[i] = e.item().sort();
      indices[i] = e.item().index();
      scope.checkCore(sorts[i], indices[i]);
      exported.put(e.name(), externalType(sorts[i]));
    }
    steps.add(new Step.CoreBag(coreInstanceExports.size(), names, sorts, indices));
    coreInstanceExports.add(exported);
  }

  private void nestedComponent(Definition.NestedComponent n) {
    int index = scope.size(Sort.COMPONENT);
    String name = scope.debugName(Sort.COMPONENT, index).orElse("component " + index);
    scope.add(new StaticItem.ComponentItem(n.component(), scope, name));
  }

  private void instantiate(Definition.Instantiate def) {
    if (!(scope.item(Sort.COMPONENT, def.componentIndex())
        instanceof StaticItem.ComponentItem component)) {
      throw error(
          "component "
              + def.componentIndex()
              + " is imported; importing components is unsupported");
    }
    Map<String, StaticItem> args = new LinkedHashMap<>();
    Map<String, SortIndex> argIndices = new HashMap<>();
    for (Definition.InstantiateArg arg : def.args()) {
      args.put(arg.name(), itemAt(arg.item()));
      argIndices.put(arg.name(), arg.item());
    }
    Scope nestedScope =
        new Scope(
            Optional.of(component.definingScope()),
            component.definingScope().types().child(),
            component.name(),
            component.binary().componentNames());
    ScopePlan nested =
        new Planner(modules, nestedScope, Optional.of(args)).plan(component.binary());
    List<ScopePlan.ImportSlot> slots = nested.imports();
    Sort[] sorts = new Sort[slots.size()];
    int[] indices = new int[slots.size()];
    for (int i = 0; i < slots.size(); i++) {
      SortIndex from = argIndices.get(slots.get(i).name());
      sorts[i] = from.sort();
      indices[i] = from.index();
    }
    int target = scope.add(nested.exportShape());
    instanceNames.add(component.name());
    steps.add(new Step.Instantiate(target, nested, sorts, indices));
  }

  private void inlineInstance(Definition.InlineInstance def) {
    int n = def.exports().size();
    String[] names = new String[n];
    Sort[] sorts = new Sort[n];
    int[] indices = new int[n];
    Map<String, StaticItem> shape = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Definition.InlineExport e = def.exports().get(i);
      names[i] = e.name().name();
      sorts[i] = e.item().sort();
      indices[i] = e.item().index();
      shape.put(names[i], itemAt(e.item()));
    }
    int target = scope.add(new StaticItem.InstanceItem(shape));
    instanceNames.add("instance " + target);
    steps.add(new Step.InlineInstance(target, names, sorts, indices));
  }

  private void alias(Alias alias) {
    switch (alias.target()) {
      case Alias.CoreInstanceExport e -> coreAlias(alias.sort(), e);
      case Alias.InstanceExport e -> instanceAlias(alias.sort(), e);
      case Alias.Outer o -> outerAlias(alias.sort(), o);
    }
  }

  private void coreAlias(Sort sort, Alias.CoreInstanceExport e) {
    ExternalType kind = externalType(sort);
    checkCoreInstance(e.coreInstanceIndex());
    requireCoreExport(e.coreInstanceIndex(), e.name(), kind, "alias core export");
    int target = scope.addCore(sort);
    steps.add(new Step.CoreAlias(sort, target, e.coreInstanceIndex(), e.name(), kind));
  }

  private void instanceAlias(Sort sort, Alias.InstanceExport e) {
    if (!(scope.item(Sort.INSTANCE, e.instanceIndex()) instanceof StaticItem.InstanceItem inst)) {
      throw error("instance " + e.instanceIndex() + " has no exports");
    }
    StaticItem item =
        inst.export(e.name())
            .orElseThrow(
                () -> error("instance " + e.instanceIndex() + " has no export '" + e.name() + "'"));
    if (item.sort() != sort) {
      throw error("export '" + e.name() + "' is a " + item.sort() + ", aliased as a " + sort);
    }
    String qualified = instanceName(e.instanceIndex()) + "#" + e.name();
    switch (sort) {
      case TYPE -> scope.types().add(((StaticItem.TypeItem) item).type());
      case FUNC -> {
        int target = scope.add(item);
        funcNames.add(qualified);
        steps.add(new Step.AliasExport(Sort.FUNC, target, e.instanceIndex(), e.name()));
      }
      case INSTANCE -> {
        int target = scope.add(item);
        instanceNames.add(qualified);
        steps.add(new Step.AliasExport(Sort.INSTANCE, target, e.instanceIndex(), e.name()));
      }
      default -> scope.add(item);
    }
  }

  private void outerAlias(Sort sort, Alias.Outer o) {
    Scope outer = scope.outer(o.outerCount());
    switch (sort) {
      case TYPE -> scope.types().add(outer.types().get(o.index()));
      case CORE_TYPE -> scope.addCore(Sort.CORE_TYPE);
      case CORE_MODULE, COMPONENT -> scope.add(outer.item(sort, o.index()));
      default -> throw error("alias outer of a " + sort + " is not allowed");
    }
  }

  private void importDef(Import imp) {
    String name = imp.name().name();
    int slot = imports.size();
    if (bindings.isPresent()) {
      StaticItem bound =
          Optional.ofNullable(bindings.get().get(name))
              .orElseThrow(() -> error("import '" + name + "' has no instantiation argument"));
      imports.add(new ScopePlan.ImportSlot(name, bound, Map.of()));
      bindImport(name, imp.desc().sort(), bound, slot);
      return;
    }
    Map<String, ResourceType> fresh = new LinkedHashMap<>();
    StaticItem item = openImport(name, imp.desc(), fresh);
    imports.add(new ScopePlan.ImportSlot(name, item, fresh));
    if (item.sort() != Sort.TYPE) {
      bindImport(name, item.sort(), item, slot);
    }
  }

  private StaticItem openImport(String name, ExternDesc desc, Map<String, ResourceType> fresh) {
    return switch (desc) {
      case ExternDesc.Instance i -> {
        if (!(scope.types().get(i.typeIndex()) instanceof ResolvedType.Instance type)) {
          throw error("import '" + name + "' is not of an instance type");
        }
        yield InstanceTypes.resolve(type, fresh);
      }
      case ExternDesc.Func f ->
          new StaticItem.FuncItem(InstanceTypes.funcSig(scope.types().get(f.typeIndex()), name));
      case ExternDesc.Type t -> InstanceTypes.typeExport(name, t.bound(), scope.types(), fresh);
      case ExternDesc.Component c -> new StaticItem.OpaqueItem(Sort.COMPONENT);
      case ExternDesc.CoreModule m -> new StaticItem.OpaqueItem(Sort.CORE_MODULE);
      case ExternDesc.Value v -> new StaticItem.OpaqueItem(Sort.VALUE);
    };
  }

  private void bindImport(String name, Sort sort, StaticItem item, int slot) {
    if (item.sort() != sort) {
      throw error("import '" + name + "' is a " + sort + " but its argument is a " + item.sort());
    }
    switch (sort) {
      case TYPE -> scope.types().add(((StaticItem.TypeItem) item).type());
      case FUNC -> {
        int target = scope.add(item);
        funcNames.add(name);
        steps.add(new Step.Import(Sort.FUNC, target, slot));
      }
      case INSTANCE -> {
        int target = scope.add(item);
        instanceNames.add(name);
        steps.add(new Step.Import(Sort.INSTANCE, target, slot));
      }
      default -> scope.add(item);
    }
  }

  private void export(Definition.Export e) {
    String name = e.name().name();
    Sort sort = e.item().sort();
    switch (sort) {
      case FUNC, INSTANCE -> {
        StaticItem item = ascribed(itemAt(e.item()), e.ascribedType(), name);
        int target = scope.add(item);
        (sort == Sort.FUNC ? funcNames : instanceNames).add(name);
        steps.add(new Step.Copy(sort, target, e.item().index()));
        exports.add(new ScopePlan.ExportSlot(name, sort, target));
        exportShape.put(name, item);
      }
      case TYPE -> {
        ResolvedType type = InstanceTypes.named(scope.types().get(e.item().index()), name);
        scope.types().add(type);
        exportShape.put(name, new StaticItem.TypeItem(type));
      }
      case COMPONENT, CORE_MODULE -> exportShape.put(name, scope.item(sort, e.item().index()));
      default -> throw error("unsupported: export of a " + sort);
    }
  }

  private StaticItem ascribed(StaticItem item, Optional<ExternDesc> ascription, String name) {
    if (ascription.isPresent() && ascription.get() instanceof ExternDesc.Func f) {
      return new StaticItem.FuncItem(InstanceTypes.funcSig(scope.types().get(f.typeIndex()), name));
    }
    return item;
  }

  /** The static item a sort index names (types, funcs, instances, components, modules). */
  private StaticItem itemAt(SortIndex index) {
    return switch (index.sort()) {
      case TYPE -> new StaticItem.TypeItem(scope.types().get(index.index()));
      case FUNC, INSTANCE, COMPONENT, CORE_MODULE, VALUE -> scope.item(index.sort(), index.index());
      default -> throw error("a " + index.sort() + " cannot be passed to a component");
    };
  }

  private String instanceName(int index) {
    return index < instanceNames.size() ? instanceNames.get(index) : "instance " + index;
  }

  private void checkCoreInstance(int index) {
    if (index < 0 || index >= coreInstanceExports.size()) {
      throw error("core instance index " + index + " out of range");
    }
  }

  private void requireCoreExport(int instance, String name, ExternalType kind, String context) {
    ExternalType actual = coreInstanceExports.get(instance).get(name);
    if (actual == null) {
      throw error(context + ": core instance " + instance + " has no export '" + name + "'");
    }
    if (actual != kind) {
      throw error(context + ": core export '" + name + "' is a " + actual + ", not a " + kind);
    }
    if (kind == ExternalType.TAG) {
      throw error("unsupported: exception tags shared between core instances ('" + name + "')");
    }
  }

  static ExternalType externalType(Sort sort) {
    return switch (sort) {
      case CORE_FUNC -> ExternalType.FUNCTION;
      case CORE_TABLE -> ExternalType.TABLE;
      case CORE_MEMORY -> ExternalType.MEMORY;
      case CORE_GLOBAL -> ExternalType.GLOBAL;
      case CORE_TAG -> ExternalType.TAG;
      case CORE_TYPE, CORE_MODULE, CORE_INSTANCE, FUNC, VALUE, TYPE, COMPONENT, INSTANCE ->
          throw new ComponentLoadException("a " + sort + " is not a core export");
    };
  }

  private ComponentLoadException error(String message) {
    return new ComponentLoadException("component '" + scope.componentName() + "': " + message);
  }
}
