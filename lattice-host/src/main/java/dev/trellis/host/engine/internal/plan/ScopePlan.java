package dev.trellis.host.engine.internal.plan;

import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.internal.runtime.ComponentState;
import dev.trellis.host.engine.internal.runtime.Func;
import dev.trellis.host.engine.internal.runtime.InstanceValue;
import dev.trellis.host.engine.internal.runtime.LiftedFunc;
import dev.trellis.wrpc.wit.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The instantiation plan of one component scope, computed once at load time: the steps that build
 * its runtime index spaces, the sizes of those spaces, its import slots and its exports. Running it
 * is a loop over the steps followed by assembling the export instance.
 */
public final class ScopePlan {
  static final int CORE_INSTANCES = 0;
  static final int CORE_FUNCS = 1;
  static final int MEMORIES = 2;
  static final int TABLES = 3;
  static final int GLOBALS = 4;
  static final int FUNCS = 5;
  static final int INSTANCES = 6;

  private final String componentName;
  private final Step[] steps;
  private final int[] sizes;
  private final List<ImportSlot> imports;
  private final List<ExportSlot> exports;
  private final StaticItem.InstanceItem exportShape;

  /**
   * One import of the scope.
   *
   * @param name the import name
   * @param item what the import must be; for the outermost component its abstract resource types
   *     are fresh placeholders listed in {@code resources}
   * @param resources the placeholder resource types this import introduces, by export name
   */
  public record ImportSlot(String name, StaticItem item, Map<String, ResourceType> resources) {
    public ImportSlot {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(item, "item");
      resources = Map.copyOf(resources);
    }
  }

  /** One export: the item at {@code index} of {@code sort}. */
  record ExportSlot(String name, Sort sort, int index) {}

  ScopePlan(
      String componentName,
      List<Step> steps,
      int[] sizes,
      List<ImportSlot> imports,
      List<ExportSlot> exports,
      StaticItem.InstanceItem exportShape) {
    this.componentName = componentName;
    this.steps = steps.toArray(new Step[0]);
    this.sizes = sizes.clone();
    this.imports = List.copyOf(imports);
    this.exports = List.copyOf(exports);
    this.exportShape = exportShape;
  }

  /** The component's name, for messages. */
  public String componentName() {
    return componentName;
  }

  /** The import slots, in the order import values must be given to {@link #run}. */
  public List<ImportSlot> imports() {
    return imports;
  }

  /** The static shape of what {@link #run} returns. */
  public StaticItem.InstanceItem exportShape() {
    return exportShape;
  }

  /** The number of steps (for diagnostics). */
  public int stepCount() {
    return steps.length;
  }

  /**
   * Instantiates the scope: runs every step in {@code state}'s instance with {@code importValues}
   * (one {@link Func} or {@link InstanceValue} per function or instance import slot, {@code null}
   * for type slots) and returns the exports.
   */
  public InstanceValue run(ComponentState state, Object[] importValues) {
    Frame frame = new Frame(state, importValues, sizes);
    for (Step step : steps) {
      step.run(frame);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (ExportSlot export : exports) {
      Object item = frame.get(export.sort(), export.index());
      if (item != null) {
        out.put(export.name(), item);
        name(export.name(), item);
      }
    }
    return new InstanceValue(out);
  }

  /** Offers export names to the lifted functions they reach, for messages. */
  private static void name(String exportName, Object item) {
    if (item instanceof LiftedFunc lifted) {
      lifted.offerName(exportName);
    } else if (item instanceof InstanceValue instance) {
      for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
        if (e.getValue() instanceof LiftedFunc lifted) {
          lifted.offerName(exportName + "#" + e.getKey());
        }
      }
    }
  }
}
