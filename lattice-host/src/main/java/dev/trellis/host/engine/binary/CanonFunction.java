package dev.trellis.host.engine.binary;

import java.util.Objects;

/**
 * A canonical built-in function ({@code canon}): the synchronous subset that real toolchains emit.
 * Lift turns a core function into a component function; the others produce core functions.
 */
public sealed interface CanonFunction {

  /**
   * {@code canon lift}: core function {@code coreFuncIndex} as a func of type {@code typeIndex}.
   */
  record Lift(int coreFuncIndex, CanonOptions options, int typeIndex) implements CanonFunction {
    public Lift {
      Objects.requireNonNull(options, "options");
    }
  }

  /** {@code canon lower}: component function {@code funcIndex} as a core function. */
  record Lower(int funcIndex, CanonOptions options) implements CanonFunction {
    public Lower {
      Objects.requireNonNull(options, "options");
    }
  }

  /** {@code canon resource.new}: {@code (rep: i32) -> handle} for the resource type. */
  record ResourceNew(int resourceType) implements CanonFunction {}

  /** {@code canon resource.drop}: {@code (handle: i32) -> ()} for the resource type. */
  record ResourceDrop(int resourceType) implements CanonFunction {}

  /** {@code canon resource.rep}: {@code (handle: i32) -> rep} for the resource type. */
  record ResourceRep(int resourceType) implements CanonFunction {}
}
