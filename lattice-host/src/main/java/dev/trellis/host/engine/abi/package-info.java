/**
 * The synchronous canonical ABI of the Component Model: how component-level values ({@link
 * dev.trellis.wrpc.wit.WitValue}) are laid out in, flattened to, lifted from and lowered into a
 * core WebAssembly guest running on Chicory, and how resource handles are tracked. It follows the
 * spec's {@code design/mvp/canonical-abi/definitions.py} for 32-bit memories without the async
 * parts.
 *
 * <p>How the instantiator uses it:
 *
 * <ul>
 *   <li>One {@link dev.trellis.host.engine.abi.ResourceRegistry} per top-level component (store),
 *       one {@link dev.trellis.host.engine.abi.HandleTable} per component instance. Each resource
 *       type definition is registered with {@code defineGuest(type, table, dtor)}; host resources
 *       with {@code defineHost}.
 *   <li>{@code canon lift}: {@code new CanonLift(signature, options, calleeTable)}; check the core
 *       export against {@code coreSignature().toFunctionType()}; call with {@code
 *       lift.call(export::apply, args)}.
 *   <li>{@code canon lower}: {@code new CanonLower(signature, options, callerTable)}; give the
 *       guest a {@code HostFunction} of type {@code coreSignature().toFunctionType()} whose body is
 *       {@code lower.call(args, callee)}. To wire a lowered import to another component's lifted
 *       export: {@code lower.call(args, a -> lift.call(export::apply, a,
 *       lower.options().stringEncoding()), lift.options().stringEncoding())}.
 *   <li>{@code canon resource.new/rep/drop}: {@code table.resourceNew/resourceRep/resourceDrop}.
 * </ul>
 *
 * <p>Guest errors raise {@link dev.trellis.host.engine.abi.CanonicalAbiTrap}; the instance must not
 * be entered again afterwards. Values that do not match their type raise {@link
 * dev.trellis.wrpc.wit.WitTypeMismatchException}; missing options raise {@link
 * dev.trellis.host.HostException} when the canon definition is compiled.
 */
package dev.trellis.host.engine.abi;
