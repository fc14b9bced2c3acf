package dev.trellis.scheduler.api;

import dev.trellis.proto.Subjects;
import java.util.Objects;

/**
 * How one scheduler replica serves the API: the lattice it serves and its own id, which becomes the
 * {@code source} of its events and the {@value SchedulerApiServer#SCHEDULER_ID_HEADER} header of
 * its replies, so an operator can tell replicas apart.
 *
 * @param lattice the lattice served, a single subject token (e.g. {@code default})
 * @param schedulerId this replica's id
 */
public record SchedulerApiConfig(String lattice, String schedulerId) {
  public SchedulerApiConfig {
    Subjects.token("lattice", lattice);
    Objects.requireNonNull(schedulerId, "schedulerId");
    if (schedulerId.isBlank()) {
      throw new IllegalArgumentException("scheduler id must not be blank");
    }
  }
}
