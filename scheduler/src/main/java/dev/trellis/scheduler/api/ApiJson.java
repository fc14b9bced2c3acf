package dev.trellis.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.scheduler.SchedulerException;
import dev.trellis.scheduler.api.ApiResponse.DeleteModelResponse;
import dev.trellis.scheduler.api.ApiResponse.DeployModelResponse;
import dev.trellis.scheduler.api.ApiResponse.Failure;
import dev.trellis.scheduler.api.ApiResponse.GetModelResponse;
import dev.trellis.scheduler.api.ApiResponse.LegacyModelList;
import dev.trellis.scheduler.api.ApiResponse.ListModelsResponse;
import dev.trellis.scheduler.api.ApiResponse.ModelSummary;
import dev.trellis.scheduler.api.ApiResponse.PutModelResponse;
import dev.trellis.scheduler.api.ApiResponse.StatusResponse;
import dev.trellis.scheduler.api.ApiResponse.VersionInfo;
import dev.trellis.scheduler.api.ApiResponse.VersionsResponse;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Manifests;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * wadm's JSON for the scheduler API, written by hand from {@code wadm-types/src/api.rs} so that
 * field names, {@code null}s and omitted fields match serde's output exactly: replies, the request
 * bodies {@code {"version": ...}}, and the {@code Status} published on {@code wadm.status}.
 */
public final class ApiJson {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ApiJson() {}

  /** The reply as wadm's JSON. */
  public static byte[] encode(ApiResponse response) {
    return bytes(tree(response));
  }

  /** The reply as a JSON tree. */
  public static JsonNode tree(ApiResponse response) {
    return switch (response) {
      case Failure failure -> result("error", failure.message());
      case PutModelResponse put -> {
        ObjectNode node = JSON.createObjectNode();
        node.put("result", ApiResponse.wireName(put.result()));
        node.put("total_versions", put.totalVersions());
        node.put("current_version", put.currentVersion());
        node.put("message", put.message());
        node.put("name", put.name());
        yield node;
      }
      case GetModelResponse get -> {
        ObjectNode node = result(ApiResponse.wireName(get.result()), get.message());
        get.manifest().ifPresent(m -> node.set("manifest", manifest(m)));
        yield node;
      }
      case ListModelsResponse list -> {
        ObjectNode node = result(ApiResponse.wireName(list.result()), list.message());
        node.set("models", summaries(list.models()));
        yield node;
      }
      case LegacyModelList legacy -> summaries(legacy.models());
      case VersionsResponse versions -> {
        ObjectNode node = result(ApiResponse.wireName(versions.result()), versions.message());
        ArrayNode array = node.putArray("versions");
        for (VersionInfo info : versions.versions()) {
          array.addObject().put("version", info.version()).put("deployed", info.deployed());
        }
        yield node;
      }
      case DeleteModelResponse delete ->
          result(ApiResponse.wireName(delete.result()), delete.message())
              .put("undeploy", delete.undeploy());
      case DeployModelResponse deploy -> {
        ObjectNode node = result(ApiResponse.wireName(deploy.result()), deploy.message());
        node.put("name", deploy.name());
        optional(node, "version", deploy.version());
        yield node;
      }
      case StatusResponse status -> {
        ObjectNode node = result(ApiResponse.wireName(status.result()), status.message());
        status.status().ifPresent(s -> node.set("status", status(s)));
        yield node;
      }
    };
  }

  /** wadm's {@code Status}: the form served by {@code status} and published on wadm.status. */
  public static ObjectNode status(AppStatus status) {
    ObjectNode node = JSON.createObjectNode();
    node.set("status", info(status.type(), status.message()));
    if (!status.scalers().isEmpty()) {
      ArrayNode scalers = node.putArray("scalers");
      for (ScalerStatus scaler : status.scalers()) {
        ObjectNode entry = scalers.addObject();
        entry.put("id", scaler.id()).put("kind", scaler.kind()).put("name", scaler.name());
        entry.set("status", info(scaler.type(), scaler.message()));
      }
    }
    // Deprecated in wadm 0.14 but still always written; older clients expect them.
    node.put("version", "");
    node.putArray("components");
    return node;
  }

  /** Reads wadm's {@code Status}, accepting its aliases and omitted fields. */
  public static AppStatus status(JsonNode node) {
    if (!node.isObject()) {
      throw new MalformedJsonException("a status must be a JSON object, got " + node.getNodeType());
    }
    JsonNode info = node.path("status");
    List<ScalerStatus> scalers =
        node.path("scalers")
            .valueStream()
            .map(
                s ->
                    new ScalerStatus(
                        s.path("id").asText(""),
                        s.path("kind").asText(""),
                        s.path("name").asText(""),
                        type(s.path("status")),
                        s.path("status").path("message").asText("")))
            .toList();
    return new AppStatus(type(info), info.path("message").asText(""), scalers);
  }

  /**
   * The {@code version} of a get, del or deploy request body: empty for an empty body, a missing
   * field or {@code null}; a body that is not such an object is malformed.
   */
  static Optional<String> requestedVersion(byte[] body) {
    JsonNode root = requestObject(body);
    JsonNode version = root.path("version");
    if (version.isMissingNode() || version.isNull()) {
      return Optional.empty();
    }
    if (!version.isTextual()) {
      throw new MalformedJsonException(
          "field 'version' must be a string or null, got " + version.getNodeType());
    }
    return Optional.of(version.asText());
  }

  /** Checks that a request body is empty or a JSON object (wadm's undeploy request). */
  static JsonNode requestObject(byte[] body) {
    if (body == null || body.length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode root = parse(body);
    if (!root.isObject()) {
      throw new MalformedJsonException("expected a JSON object, got " + root.getNodeType());
    }
    return root;
  }

  /** Parses JSON text, naming the problem when it is not JSON. */
  static JsonNode parse(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new MalformedJsonException("the body is empty");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new MalformedJsonException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedJsonException("unreadable: " + e.getMessage());
    }
  }

  static ObjectNode manifest(Application application) {
    try {
      return (ObjectNode) JSON.readTree(Manifests.toJson(application));
    } catch (JsonProcessingException e) {
      throw new SchedulerException("cannot encode manifest " + application.name(), e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new SchedulerException("cannot encode a scheduler API reply", e);
    }
  }

  private static ArrayNode summaries(List<ModelSummary> models) {
    ArrayNode array = JSON.createArrayNode();
    for (ModelSummary model : models) {
      ObjectNode node = array.addObject();
      node.put("name", model.name());
      node.put("version", model.version());
      optional(node, "description", model.description());
      optional(node, "deployed_version", model.deployedVersion());
      node.set("detailed_status", status(model.detailedStatus()));
      // wadm reports "waiting" as "undeployed" in the deprecated field for older clients.
      StatusType legacy =
          model.detailedStatus().type() == StatusType.WAITING
              ? StatusType.UNDEPLOYED
              : model.detailedStatus().type();
      node.put("status", legacy.wireName());
      node.put("status_message", model.detailedStatus().message());
    }
    return array;
  }

  private static ObjectNode info(StatusType type, String message) {
    ObjectNode info = JSON.createObjectNode().put("type", type.wireName());
    if (!message.isEmpty()) {
      info.put("message", message);
    }
    return info;
  }

  private static StatusType type(JsonNode info) {
    String wire = info.path("type").asText("");
    return StatusType.fromWire(wire)
        .orElseThrow(() -> new MalformedJsonException("unknown status type '" + wire + "'"));
  }

  private static ObjectNode result(String result, String message) {
    return JSON.createObjectNode().put("result", result).put("message", message);
  }

  private static void optional(ObjectNode node, String field, Optional<String> value) {
    value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
  }

  /** JSON that does not have the shape a request, reply or status must have. */
  static final class MalformedJsonException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message) {
      super(message);
    }
  }
}
