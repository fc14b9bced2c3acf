/** Engine internals; see {@link dev.trellis.host.engine.internal}. */
package dev.trellis.host.engine.internal.types;
