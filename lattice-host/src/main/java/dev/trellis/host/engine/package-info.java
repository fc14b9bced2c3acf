/**
 * The component engine: runs WebAssembly components (Component Model, WASI 0.2 era, synchronous
 * canonical ABI) on Chicory.
 *
 * <ol>
 *   <li>{@link dev.trellis.host.engine.Engine#load} decodes a component, resolves its types,
 *       compiles each distinct core module once per SHA-256 digest and plans its instantiation into
 *       a {@link dev.trellis.host.engine.ComponentDefinition}.
 *   <li>A {@link dev.trellis.host.engine.Linker} satisfies its imports from host interfaces ({@link
 *       dev.trellis.host.engine.spi.HostInterface}) and from exports of other running instances
 *       (in-process component-to-component calls), matching WASI versions by semver, and reports
 *       every unsatisfied import at once ({@link dev.trellis.host.engine.LinkException}).
 *   <li>{@link dev.trellis.host.engine.ComponentPre#instantiate} runs the plan to make a {@link
 *       dev.trellis.host.engine.ComponentInstance}, whose {@link
 *       dev.trellis.host.engine.ComponentFunction}s are called with {@code WitValue}s.
 * </ol>
 *
 * <p>Failures: bad binaries raise {@link dev.trellis.host.engine.ComponentLoadException}, traps
 * (including exceeded deadlines) raise {@link dev.trellis.host.engine.ComponentTrapException} and
 * poison the instance. Limits per instance are {@link dev.trellis.host.engine.InstanceLimits}.
 *
 * <p>Host code implementing imported interfaces (WASI, HTTP, key-value, ...) uses only {@code
 * dev.trellis.host.engine.spi}; {@code dev.trellis.host.engine.internal} is private to the engine.
 */
package dev.trellis.host.engine;
