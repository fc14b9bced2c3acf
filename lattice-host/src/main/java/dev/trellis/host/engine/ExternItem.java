package dev.trellis.host.engine;

import dev.trellis.host.engine.abi.FunctionSignature;
import java.util.List;
import java.util.Objects;

/**
 * One import or export of a component as WIT sees it, for tools such as {@code trellis inspect} and
 * for callers that want to know what to provide or call: an interface with its functions and
 * resources, a world-level function, a type, or something else (named by its sort).
 */
public sealed interface ExternItem {

  /** The import or export name, e.g. {@code wasi:cli/run@0.2.0} or {@code greet}. */
  String name();

  /** An interface (an instance import or export). */
  record Interface(String name, List<FunctionSignature> functions, List<String> resources)
      implements ExternItem {
    public Interface {
      Objects.requireNonNull(name, "name");
      functions = List.copyOf(functions);
      resources = List.copyOf(resources);
    }
  }

  /** A world-level function. */
  record Function(String name, FunctionSignature signature) implements ExternItem {
    public Function {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** A type (a resource or a named value type). */
  record Type(String name, String description) implements ExternItem {
    public Type {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
    }
  }

  /** Anything else (components, modules, values), by sort. */
  record Other(String name, String sort) implements ExternItem {
    public Other {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sort, "sort");
    }
  }
}
