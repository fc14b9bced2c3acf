package dev.trellis.host.engine.internal.types;

import dev.trellis.host.engine.ComponentLoadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A type index space under construction (a component's, or the local one of an instance type),
 * linked to its enclosing scope so {@code alias outer} can reach out.
 */
public final class TypeScope {
  private final Optional<TypeScope> parent;
  private final List<ResolvedType> types = new ArrayList<>();

  private TypeScope(Optional<TypeScope> parent) {
    this.parent = parent;
  }

  /** The scope of an outermost component. */
  public static TypeScope root() {
    return new TypeScope(Optional.empty());
  }

  /** A scope nested in this one. */
  public TypeScope child() {
    return new TypeScope(Optional.of(this));
  }

  /** Appends a type, returning its index. */
  public int add(ResolvedType type) {
    types.add(type);
    return types.size() - 1;
  }

  /** The number of types defined so far. */
  public int size() {
    return types.size();
  }

  /** Type {@code index} of this scope. */
  public ResolvedType get(int index) {
    if (index < 0 || index >= types.size()) {
      throw new ComponentLoadException(
          "type index " + index + " out of range (" + types.size() + " types defined so far)");
    }
    return types.get(index);
  }

  /** The scope {@code count} levels out (0 is this one). */
  public TypeScope outer(int count) {
    TypeScope scope = this;
    for (int i = 0; i < count; i++) {
      scope =
          scope.parent.orElseThrow(
              () ->
                  new ComponentLoadException(
                      "alias outer " + count + " leaves the outermost scope"));
    }
    return scope;
  }
}
