package dev.trellis.scheduler.manifest;

/**
 * A trait attached to a component: a scaler (where and how many) or a link (what it is wired to).
 * wadm knows no other trait, so the set is closed; an unknown {@code type} is a manifest error.
 */
public sealed interface Trait permits Scaler, Link {
  /** The value of {@code type} in a manifest. */
  String type();
}
