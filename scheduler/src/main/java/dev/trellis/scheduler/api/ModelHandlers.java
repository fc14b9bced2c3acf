package dev.trellis.scheduler.api;

import dev.trellis.scheduler.api.ApiJson.MalformedJsonException;
import dev.trellis.scheduler.api.ApiResponse.DeleteModelResponse;
import dev.trellis.scheduler.api.ApiResponse.DeleteResult;
import dev.trellis.scheduler.api.ApiResponse.DeployModelResponse;
import dev.trellis.scheduler.api.ApiResponse.DeployResult;
import dev.trellis.scheduler.api.ApiResponse.Failure;
import dev.trellis.scheduler.api.ApiResponse.GetModelResponse;
import dev.trellis.scheduler.api.ApiResponse.GetResult;
import dev.trellis.scheduler.api.ApiResponse.LegacyModelList;
import dev.trellis.scheduler.api.ApiResponse.ListModelsResponse;
import dev.trellis.scheduler.api.ApiResponse.ModelSummary;
import dev.trellis.scheduler.api.ApiResponse.PutModelResponse;
import dev.trellis.scheduler.api.ApiResponse.PutResult;
import dev.trellis.scheduler.api.ApiResponse.StatusResponse;
import dev.trellis.scheduler.api.ApiResponse.StatusResult;
import dev.trellis.scheduler.api.ApiResponse.VersionInfo;
import dev.trellis.scheduler.api.ApiResponse.VersionsResponse;
import dev.trellis.scheduler.api.SchedulerApiServer.Backend;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Diagnostic;
import dev.trellis.scheduler.manifest.Format;
import dev.trellis.scheduler.manifest.ManifestException;
import dev.trellis.scheduler.manifest.ParseResult;
import dev.trellis.scheduler.store.DeleteOutcome;
import dev.trellis.scheduler.store.DeployOutcome;
import dev.trellis.scheduler.store.PutOutcome;
import dev.trellis.scheduler.store.StoreException;
import dev.trellis.scheduler.store.StoredManifest;
import dev.trellis.scheduler.store.UndeployOutcome;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each scheduler API operation does, from request to {@link ApiResponse}, with wadm's result
 * values and messages ({@code wadm/src/server/handlers.rs}). Storage failures propagate as {@link
 * StoreException} for the server to answer; everything else becomes a reply.
 */
final class ModelHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHandlers.class);

  private final Backend backend;

  ModelHandlers(Backend backend) {
    this.backend = backend;
  }

  ApiResponse answer(ApiRequest request, byte[] body, Optional<String> contentType) {
    return switch (request) {
      case ApiRequest.Put put -> put(body, contentType);
      case ApiRequest.ListModels list -> list(list.legacy());
      case ApiRequest.Named named ->
          switch (named.op()) {
            case GET -> withVersion(body, "get", v -> get(named.name(), v));
            case VERSIONS -> versions(named.name());
            case DEL -> withVersion(body, "delete", v -> delete(named.name(), v));
            case DEPLOY -> withVersion(body, "deploy", v -> deploy(named.name(), v));
            case UNDEPLOY -> undeploy(named.name(), body);
            case STATUS -> status(named.name());
            case PUT, LIST ->
                new Failure("Unsupported subject: " + named.op().token() + " with a name");
          };
      case ApiRequest.Unsupported unsupported -> new Failure(unsupported.message());
    };
  }

  private static ApiResponse withVersion(
      byte[] body, String what, Function<Optional<String>, ApiResponse> handler) {
    Optional<String> version;
    try {
      version = ApiJson.requestedVersion(body);
    } catch (MalformedJsonException e) {
      return new Failure("Unable to parse " + what + " application request: " + e.getMessage());
    }
    return handler.apply(version);
  }

  private ApiResponse put(byte[] body, Optional<String> contentType) {
    Optional<Format> format = contentType.flatMap(ModelHandlers::formatOf);
    if (contentType.isPresent() && format.isEmpty()) {
      return new Failure(
          "Unsupported content type "
              + contentType.get()
              + " given. Trellis supports YAML (application/yaml) and JSON (application/json)");
    }
    Optional<String> text = utf8(body);
    if (text.isEmpty()) {
      return new Failure("Unable to parse manifest: the body is not UTF-8 text");
    }
    ParseResult parsed =
        format
            .map(f -> backend.parser().parse(text.get(), f))
            .orElseGet(() -> backend.parser().parse(text.get()));
    return switch (parsed) {
      case ParseResult.Invalid invalid -> {
        LOG.info("manifest_rejected errors={}", invalid.errors().size());
        yield new Failure(new ManifestException(invalid.errors()).getMessage());
      }
      case ParseResult.Valid valid -> store(valid.application(), valid.warnings());
    };
  }

  private ApiResponse store(Application application, List<Diagnostic> warnings) {
    return switch (backend.store().put(application)) {
      case PutOutcome.Stored stored -> {
        backend
            .events()
            .publish(new SchedulerEvent.ManifestPublished(stored.name(), stored.version()));
        yield new PutModelResponse(
            stored.created() ? PutResult.CREATED : PutResult.NEWVERSION,
            stored.totalVersions(),
            stored.version(),
            putMessage(application, warnings),
            stored.name());
      }
      case PutOutcome.VersionExists exists ->
          new Failure("Manifest version " + exists.version() + " already exists");
      case PutOutcome.Rejected rejected -> new Failure(rejected.reason());
    };
  }

  private String putMessage(Application application, List<Diagnostic> warnings) {
    StringBuilder message =
        new StringBuilder("Successfully put manifest ")
            .append(application.name())
            .append(' ')
            .append(application.version());
    List<String> missing = backend.store().missingSharedComponents(application);
    if (!missing.isEmpty()) {
      message.append(", but some shared components are not deployed: ").append(missing);
    }
    if (!warnings.isEmpty()) {
      message
          .append("; ")
          .append(warnings.size())
          .append(" warning(s): ")
          .append(warnings.stream().map(Diagnostic::toString).collect(Collectors.joining("; ")));
    }
    return message.toString();
  }

  private ApiResponse get(String name, Optional<String> version) {
    Optional<StoredManifest> stored = backend.store().get(name);
    if (stored.isEmpty()) {
      return new GetModelResponse(GetResult.NOTFOUND, notFound(name), Optional.empty());
    }
    if (version.isEmpty()) {
      return new GetModelResponse(
          GetResult.SUCCESS,
          "Successfully fetched application " + name,
          Optional.of(stored.get().current()));
    }
    Optional<Application> found = stored.get().version(version.get());
    return found.isPresent()
        ? new GetModelResponse(
            GetResult.SUCCESS,
            "Successfully fetched application " + name + " " + version.get(),
            found)
        : new GetModelResponse(
            GetResult.NOTFOUND,
            "Application " + name + " with version " + version.get() + " doesn't exist",
            Optional.empty());
  }

  private ApiResponse list(boolean legacy) {
    List<ModelSummary> models = backend.store().list().stream().map(this::summary).toList();
    return legacy
        ? new LegacyModelList(models)
        : new ListModelsResponse(
            GetResult.SUCCESS, "Successfully fetched list of applications", models);
  }

  private ModelSummary summary(StoredManifest stored) {
    return new ModelSummary(
        stored.name(),
        stored.currentVersion(),
        stored.current().metadata().description(),
        stored.deployedVersion(),
        statusOf(stored));
  }

  private ApiResponse versions(String name) {
    return backend
        .store()
        .get(name)
        .<ApiResponse>map(
            stored ->
                new VersionsResponse(
                    GetResult.SUCCESS,
                    "Successfully fetched versions for application " + name,
                    stored.versionNames().stream()
                        .map(v -> new VersionInfo(v, stored.isDeployed(v)))
                        .toList()))
        .orElseGet(() -> new VersionsResponse(GetResult.NOTFOUND, notFound(name), List.of()));
  }

  private ApiResponse delete(String name, Optional<String> version) {
    return switch (backend.store().delete(name, version)) {
      case DeleteOutcome.Deleted deleted -> deleted(deleted, version);
      case DeleteOutcome.NothingToDelete nothing -> {
        if (nothing.applicationExists()) {
          yield new DeleteModelResponse(
              DeleteResult.NOOP,
              "Application version " + version.orElse("") + " doesn't exist",
              false);
        }
        // As wadm: repeat the undeploy notification in case an earlier one was lost.
        Optional<Failure> failed = notifyListener(name, l -> l.undeployed(name));
        yield failed
            .<ApiResponse>map(f -> f)
            .orElseGet(
                () ->
                    new DeleteModelResponse(
                        DeleteResult.NOOP,
                        "Application " + name + " doesn't exist or was already deleted",
                        false));
      }
    };
  }

  private ApiResponse deleted(DeleteOutcome.Deleted deleted, Optional<String> version) {
    String name = deleted.name();
    if (deleted.removedApplication()) {
      backend.statuses().remove(name);
    } else if (deleted.undeployedVersion().isPresent()) {
      reportStatus(name, AppStatus.of(StatusType.UNDEPLOYED, "Manifest has been undeployed"));
    }
    backend
        .events()
        .publish(
            new SchedulerEvent.ManifestUnpublished(
                name, deleted.versions(), deleted.removedApplication()));
    deleted
        .undeployedVersion()
        .ifPresent(v -> backend.events().publish(new SchedulerEvent.AppUndeployed(name, v)));
    // wadm reports a whole deletion as an undeploy whether or not anything was deployed.
    boolean undeploy = deleted.removedApplication() || deleted.undeployedVersion().isPresent();
    if (undeploy) {
      Optional<Failure> failed = notifyListener(name, l -> l.undeployed(name));
      if (failed.isPresent()) {
        return failed.get();
      }
    }
    String message =
        version.isEmpty()
            ? "Successfully deleted application " + name
            : deleted.removedApplication()
                ? "Successfully deleted last version of application " + name
                : "Successfully deleted version " + version.get() + " of application " + name;
    return new DeleteModelResponse(DeleteResult.DELETED, message, undeploy);
  }

  private ApiResponse deploy(String name, Optional<String> version) {
    return switch (backend.store().deploy(name, version)) {
      case DeployOutcome.ApplicationNotFound missing ->
          new DeployModelResponse(DeployResult.NOTFOUND, notFound(name), name, version);
      case DeployOutcome.VersionNotFound missing ->
          new DeployModelResponse(
              DeployResult.ERROR,
              "Application with the name '"
                  + name
                  + "' does not have a version '"
                  + missing.version()
                  + "' to deploy",
              name,
              Optional.of(missing.version()));
      case DeployOutcome.Refused refused -> new Failure(refused.reason());
      case DeployOutcome.Deployed deployed -> deployed(name, deployed);
    };
  }

  private ApiResponse deployed(String name, DeployOutcome.Deployed deployed) {
    String version = deployed.application().version();
    if (!deployed.previousVersion().equals(Optional.of(version))) {
      reportStatus(
          name,
          AppStatus.of(
              StatusType.WAITING,
              "Deployed version " + version + "; waiting for the reconciler to report"));
      backend
          .events()
          .publish(new SchedulerEvent.AppDeployed(name, version, deployed.previousVersion()));
    }
    Optional<Failure> failed = notifyListener(name, l -> l.deployed(deployed.application()));
    return failed
        .<ApiResponse>map(f -> f)
        .orElseGet(
            () ->
                new DeployModelResponse(
                    DeployResult.ACKNOWLEDGED,
                    "Successfully deployed application " + name + " " + version,
                    name,
                    Optional.of(version)));
  }

  private ApiResponse undeploy(String name, byte[] body) {
    try {
      ApiJson.requestObject(body);
    } catch (MalformedJsonException e) {
      return new Failure("Unable to parse undeploy application request: " + e.getMessage());
    }
    return switch (backend.store().undeploy(name)) {
      case UndeployOutcome.ApplicationNotFound missing ->
          new DeployModelResponse(DeployResult.NOTFOUND, notFound(name), name, Optional.empty());
      case UndeployOutcome.Undeployed undeployed -> {
        undeployed
            .previousVersion()
            .ifPresent(
                v -> {
                  reportStatus(
                      name, AppStatus.of(StatusType.UNDEPLOYED, "Manifest has been undeployed"));
                  backend.events().publish(new SchedulerEvent.AppUndeployed(name, v));
                });
        // As wadm: always notify, in case an earlier notification was lost.
        Optional<Failure> failed = notifyListener(name, l -> l.undeployed(name));
        String message =
            undeployed.previousVersion().isPresent()
                ? "Successfully undeployed application " + name
                : "Application " + name + " was already undeployed";
        yield failed
            .<ApiResponse>map(f -> f)
            .orElseGet(
                () ->
                    new DeployModelResponse(
                        DeployResult.ACKNOWLEDGED, message, name, Optional.empty()));
      }
    };
  }

  private ApiResponse status(String name) {
    return backend
        .store()
        .get(name)
        .<ApiResponse>map(
            stored ->
                new StatusResponse(
                    StatusResult.OK,
                    "Successfully fetched status for application " + name,
                    Optional.of(statusOf(stored))))
        .orElseGet(
            () -> new StatusResponse(StatusResult.NOTFOUND, notFound(name), Optional.empty()));
  }

  /** The newest reported status, else what the stored state implies. */
  private AppStatus statusOf(StoredManifest stored) {
    return backend
        .statuses()
        .read(stored.name())
        .orElseGet(
            () ->
                stored
                    .deployedVersion()
                    .map(
                        v ->
                            AppStatus.of(
                                StatusType.WAITING,
                                "Waiting for status: the reconciler has not reported on version "
                                    + v
                                    + " yet"))
                    .orElseGet(
                        () -> AppStatus.of(StatusType.UNDEPLOYED, "Application is not deployed")));
  }

  /** Publishes a status the API knows first; the reconciler's later reports replace it. */
  private void reportStatus(String name, AppStatus status) {
    try {
      backend.statuses().update(name, status);
    } catch (StoreException e) {
      // The change itself is stored; a missing status update only delays what `status` shows.
      LOG.warn("app_status_update_failed app={} error={}", name, e.getMessage());
    }
  }

  private Optional<Failure> notifyListener(String name, Consumer<DeploymentListener> call) {
    try {
      call.accept(backend.listener());
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.error("deployment_listener_failed app={} error={}", name, e.toString(), e);
      return Optional.of(
          new Failure(
              "Error notifying the reconciler about application "
                  + name
                  + " ("
                  + e.getMessage()
                  + "). The change is stored; this is likely transient, so please retry the request"));
    }
  }

  private static String notFound(String name) {
    return "Application with the name " + name + " not found";
  }

  /** The manifest format a Content-Type names (parameters such as charset ignored). */
  static Optional<Format> formatOf(String contentType) {
    String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (mime) {
      case "application/json" -> Optional.of(Format.JSON);
      case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" ->
          Optional.of(Format.YAML);
      default -> Optional.empty();
    };
  }

  private static Optional<String> utf8(byte[] body) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
