/**
 * The manifest store: every version of every application of a lattice in the JetStream KV bucket
 * {@code wadm_manifests}, laid out as wadm lays it out (key {@code {lattice}-{app}}, value {@code
 * {"manifests": {version: manifest, ...}, "deployed_version": ...}}; key {@code {lattice}} lists
 * the names), so that wadm and Trellis can read each other's buckets.
 *
 * <p>Every write is a compare-and-swap on the KV revision, retried a bounded number of times, so
 * several scheduler replicas never lose each other's updates. Entry point: {@link
 * dev.trellis.scheduler.store.ManifestStore}. All jnats calls of the scheduler API go through
 * {@link dev.trellis.scheduler.store.JnatsAdapter}.
 *
 * <p>Beside the manifests, {@link dev.trellis.scheduler.store.ConfigStore} keeps the lattice's
 * named configs in {@code CONFIGDATA_{lattice}}, in wasmCloud's layout (key = config name, value =
 * a JSON object of strings), which manifests reference by name.
 */
package dev.trellis.scheduler.store;
