/**
 * wadm's scheduler API over NATS, served and called: {@link
 * dev.trellis.scheduler.api.SchedulerApiServer} answers {@code wadm.api.{lattice}.model.{put, get,
 * list, versions, del, deploy, undeploy, status}} in the queue group {@code wadm_server} with
 * wadm's JSON replies ({@code wadm-types/src/api.rs}); {@link
 * dev.trellis.scheduler.api.SchedulerClient} calls them for the CLI.
 *
 * <p>Around it: application statuses ({@link dev.trellis.scheduler.api.AppStatus}) reported by the
 * reconciler through {@link dev.trellis.scheduler.api.StatusSink}, stored and published on {@code
 * wadm.status.{lattice}.{app}} by {@link dev.trellis.scheduler.api.StatusStore}; deploys and
 * undeploys told to the reconciler through {@link dev.trellis.scheduler.api.DeploymentListener};
 * CloudEvents on {@code trellis.evt.{lattice}.{event}} from {@link
 * dev.trellis.scheduler.api.SchedulerEvents}.
 *
 * <p>Deliberate differences from wadm: {@code status} of an unknown application answers {@code
 * notfound} (wadm answers {@code ok} with an empty status); {@code get} and {@code deploy} accept
 * {@code latest}; a {@code del} of a missing version does not tell the reconciler to undeploy the
 * application; deploy checks compare component ids after defaulting.
 */
package dev.trellis.scheduler.api;
