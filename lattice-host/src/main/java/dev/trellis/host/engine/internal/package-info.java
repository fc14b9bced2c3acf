/**
 * Engine internals, not for use outside {@code dev.trellis.host.engine}: core module compilation
 * ({@code core}), type resolution ({@code types}), the load-time instantiation plan ({@code plan})
 * and the runtime objects it wires together ({@code runtime}).
 */
package dev.trellis.host.engine.internal;
