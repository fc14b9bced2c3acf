/**
 * The reconciler: from deployed manifests to workloads on hosts, through the Host API only.
 *
 * <ul>
 *   <li>{@link dev.trellis.scheduler.reconcile.WorkloadMapper} maps an application to workloads
 *       (linked components together in-process, well-known capabilities to host plugins, the rest
 *       over wRPC) with ownership annotations; named configs come resolved as {@link
 *       dev.trellis.scheduler.reconcile.NamedConfigs}, read once per pass.
 *   <li>Scalers are pure: {@link dev.trellis.scheduler.reconcile.AppPlanner} computes {@link
 *       dev.trellis.scheduler.reconcile.Command}s from a {@link
 *       dev.trellis.scheduler.reconcile.LatticeSnapshot}; tests assert snapshot → commands.
 *   <li>{@link dev.trellis.scheduler.reconcile.Reconciler} runs level-based passes per app (one in
 *       flight per app), with placements written ahead by compare-and-swap ({@link
 *       dev.trellis.scheduler.reconcile.PlacementStore}), expected outcomes ({@link
 *       dev.trellis.scheduler.reconcile.Expectations}), exponential {@link
 *       dev.trellis.scheduler.reconcile.Backoff}, per-app leases ({@link
 *       dev.trellis.scheduler.reconcile.LeaseManager}) and fast host-loss detection ({@link
 *       dev.trellis.scheduler.reconcile.HostMonitor}).
 * </ul>
 */
package dev.trellis.scheduler.reconcile;
