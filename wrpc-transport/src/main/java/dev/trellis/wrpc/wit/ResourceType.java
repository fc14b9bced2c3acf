package dev.trellis.wrpc.wit;

import java.util.Objects;

/**
 * A WIT resource type. Resource types are nominal in the Component Model: every definition (and
 * every instantiation of an abstract imported resource) is a fresh type even when two share a name,
 * so equality is object identity and the name is only for messages.
 */
public final class ResourceType {
  private final String name;

  /**
   * Creates a fresh resource type, distinct from every other instance.
   *
   * @param name the WIT name, used only in messages; must not be empty
   */
  public ResourceType(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new WitModelException("resource type name must not be empty");
    }
    this.name = name;
  }

  /** The WIT name of the resource, e.g. {@code input-stream}. */
  public String name() {
    return name;
  }

  // equals and hashCode are deliberately Object's: identity, not name.

  @Override
  public String toString() {
    return name;
  }
}
