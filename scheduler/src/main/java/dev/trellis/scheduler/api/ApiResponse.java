package dev.trellis.scheduler.api;

import dev.trellis.scheduler.manifest.Application;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The replies of wadm's scheduler API ({@code wadm-types/src/api.rs}), one record per operation,
 * with wadm's {@code result} values. The server encodes them and the client decodes them with
 * {@link ApiJson}, so both ends agree on wadm's JSON by construction.
 */
public sealed interface ApiResponse {
  /** The human-readable outcome every reply carries. */
  String message();

  /** Outcomes of {@code put}. */
  enum PutResult {
    ERROR,
    CREATED,
    NEWVERSION
  }

  /** Outcomes of {@code get}, {@code list} and {@code versions}. */
  enum GetResult {
    ERROR,
    SUCCESS,
    NOTFOUND
  }

  /** Outcomes of {@code del}. */
  enum DeleteResult {
    DELETED,
    ERROR,
    NOOP
  }

  /** Outcomes of {@code deploy} and {@code undeploy}. */
  enum DeployResult {
    ERROR,
    ACKNOWLEDGED,
    NOTFOUND
  }

  /** Outcomes of {@code status}. */
  enum StatusResult {
    ERROR,
    OK,
    NOTFOUND
  }

  /** The lower-case wire name of a result. */
  static String wireName(Enum<?> result) {
    return result.name().toLowerCase(Locale.ROOT);
  }

  /**
   * wadm's generic error reply, {@code {"result": "error", "message": ...}}, sent whatever the
   * operation (bad subject, unparsable request, storage failure).
   *
   * @param message what went wrong
   */
  record Failure(String message) implements ApiResponse {
    public Failure {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Reply to {@code put}.
   *
   * @param result created, newversion or error
   * @param totalVersions how many versions the application has now
   * @param currentVersion the version stored
   * @param message what happened
   * @param name the application
   */
  record PutModelResponse(
      PutResult result, int totalVersions, String currentVersion, String message, String name)
      implements ApiResponse {}

  /**
   * Reply to {@code get.{name}}.
   *
   * @param result success, notfound or error
   * @param message what happened
   * @param manifest the manifest, on success
   */
  record GetModelResponse(GetResult result, String message, Optional<Application> manifest)
      implements ApiResponse {}

  /**
   * Reply to {@code get} without a name (the current listing).
   *
   * @param result success or error
   * @param message what happened
   * @param models one summary per application
   */
  record ListModelsResponse(GetResult result, String message, List<ModelSummary> models)
      implements ApiResponse {
    public ListModelsResponse {
      models = List.copyOf(models);
    }
  }

  /**
   * Reply to wadm's older {@code list}: a bare JSON array of summaries.
   *
   * @param models one summary per application
   */
  record LegacyModelList(List<ModelSummary> models) implements ApiResponse {
    public LegacyModelList {
      models = List.copyOf(models);
    }

    @Override
    public String message() {
      return models.size() + " application(s)";
    }
  }

  /**
   * One application in a listing.
   *
   * @param name the application
   * @param version its newest version
   * @param description the newest version's description
   * @param deployedVersion the deployed version
   * @param detailedStatus its status; the wire also carries wadm's deprecated {@code status} and
   *     {@code status_message} derived from it
   */
  record ModelSummary(
      String name,
      String version,
      Optional<String> description,
      Optional<String> deployedVersion,
      AppStatus detailedStatus) {}

  /**
   * Reply to {@code versions.{name}}.
   *
   * @param result success, notfound or error
   * @param message what happened
   * @param versions every version, oldest first
   */
  record VersionsResponse(GetResult result, String message, List<VersionInfo> versions)
      implements ApiResponse {
    public VersionsResponse {
      versions = List.copyOf(versions);
    }
  }

  /**
   * One version of an application.
   *
   * @param version the version
   * @param deployed whether it is the deployed one
   */
  record VersionInfo(String version, boolean deployed) {}

  /**
   * Reply to {@code del.{name}}.
   *
   * @param result deleted, noop or error
   * @param message what happened
   * @param undeploy whether the deletion undeployed the application
   */
  record DeleteModelResponse(DeleteResult result, String message, boolean undeploy)
      implements ApiResponse {}

  /**
   * Reply to {@code deploy.{name}} and {@code undeploy.{name}}.
   *
   * @param result acknowledged, notfound or error
   * @param message what happened
   * @param name the application
   * @param version the version deployed (or asked for); empty for undeploy
   */
  record DeployModelResponse(
      DeployResult result, String message, String name, Optional<String> version)
      implements ApiResponse {}

  /**
   * Reply to {@code status.{name}}.
   *
   * @param result ok, notfound or error
   * @param message what happened
   * @param status the status, when ok
   */
  record StatusResponse(StatusResult result, String message, Optional<AppStatus> status)
      implements ApiResponse {}
}
