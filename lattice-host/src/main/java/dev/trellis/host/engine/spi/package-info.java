/**
 * The host-function SPI: how Java code implements WIT interfaces that components import.
 *
 * <p>An implementation is a {@link dev.trellis.host.engine.spi.HostInterface} named like the
 * interface ({@code wasi:io/streams@0.2.6}) holding one lambda per function. Lambdas receive a
 * {@link dev.trellis.host.engine.spi.CallContext} (calling component, per-instance {@link
 * dev.trellis.host.engine.spi.HostState}, per-instance {@link
 * dev.trellis.host.engine.spi.ResourceTable}) and the arguments as {@code WitValue}s lifted by the
 * signature the guest imports; they return a {@code WitValue} ({@link
 * dev.trellis.host.engine.spi.HostFunction}) or nothing ({@link
 * dev.trellis.host.engine.spi.HostAction}). {@link dev.trellis.host.engine.spi.WitArgs} converts
 * common argument types. Host-implemented resources are declared with a destructor; {@link
 * dev.trellis.host.engine.spi.HostResource} keeps their Java objects in the resource table and
 * turns handles into objects and back.
 *
 * <p>Rules worth knowing:
 *
 * <ul>
 *   <li>Handles reach the host as {@code HandleValue}s whose {@code handle()} is the resource's rep
 *       (the host's own table key for host resources); a returned {@code own} handle is adopted by
 *       the calling guest.
 *   <li>Throwing traps the calling guest and poisons its instance; return a WIT {@code result}
 *       error for recoverable failures.
 *   <li>One instance runs one call at a time, so host functions need no locking for per-instance
 *       state; state shared across instances is the implementation's business.
 *   <li>World-level (un-namespaced) function imports are served by a host interface named {@link
 *       dev.trellis.host.engine.Linker#ROOT}.
 * </ul>
 */
package dev.trellis.host.engine.spi;
