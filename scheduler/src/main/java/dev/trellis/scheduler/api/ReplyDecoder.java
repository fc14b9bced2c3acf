package dev.trellis.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.scheduler.api.ApiJson.MalformedJsonException;
import dev.trellis.scheduler.api.ApiResponse.DeleteModelResponse;
import dev.trellis.scheduler.api.ApiResponse.DeleteResult;
import dev.trellis.scheduler.api.ApiResponse.DeployModelResponse;
import dev.trellis.scheduler.api.ApiResponse.DeployResult;
import dev.trellis.scheduler.api.ApiResponse.GetModelResponse;
import dev.trellis.scheduler.api.ApiResponse.GetResult;
import dev.trellis.scheduler.api.ApiResponse.ListModelsResponse;
import dev.trellis.scheduler.api.ApiResponse.ModelSummary;
import dev.trellis.scheduler.api.ApiResponse.PutModelResponse;
import dev.trellis.scheduler.api.ApiResponse.PutResult;
import dev.trellis.scheduler.api.ApiResponse.StatusResponse;
import dev.trellis.scheduler.api.ApiResponse.StatusResult;
import dev.trellis.scheduler.api.ApiResponse.VersionInfo;
import dev.trellis.scheduler.api.ApiResponse.VersionsResponse;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Format;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.manifest.ParseResult;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads scheduler API replies into {@link ApiResponse}s the way wadm's client does: fields wadm
 * marks {@code #[serde(default)]} may be missing (its error replies carry only {@code result} and
 * {@code message}), {@code result} may not. Anything else is a {@link SchedulerReplyException}.
 */
final class ReplyDecoder {
  private final String subject;
  private final JsonNode root;

  private ReplyDecoder(String subject, JsonNode root) {
    this.subject = subject;
    this.root = root;
  }

  static ReplyDecoder of(String subject, byte[] reply) {
    try {
      JsonNode root = ApiJson.parse(reply);
      if (!root.isObject()) {
        throw new MalformedJsonException("expected a JSON object, got " + root.getNodeType());
      }
      return new ReplyDecoder(subject, root);
    } catch (MalformedJsonException e) {
      throw new SchedulerReplyException("unreadable reply on " + subject + ": " + e.getMessage());
    }
  }

  PutModelResponse put() {
    return new PutModelResponse(
        result(PutResult.class),
        root.path("total_versions").asInt(0),
        text("current_version"),
        message(),
        text("name"));
  }

  GetModelResponse get() {
    JsonNode manifest = root.path("manifest");
    Optional<Application> application =
        manifest.isObject() ? Optional.of(manifest(manifest)) : Optional.empty();
    return new GetModelResponse(result(GetResult.class), message(), application);
  }

  ListModelsResponse list() {
    var models =
        root.path("models")
            .valueStream()
            .map(
                m ->
                    new ModelSummary(
                        m.path("name").asText(""),
                        m.path("version").asText(""),
                        optionalText(m.path("description")),
                        optionalText(m.path("deployed_version")),
                        status(m.path("detailed_status"))))
            .toList();
    return new ListModelsResponse(result(GetResult.class), message(), models);
  }

  VersionsResponse versions() {
    var versions =
        root.path("versions")
            .valueStream()
            .map(v -> new VersionInfo(v.path("version").asText(""), v.path("deployed").asBoolean()))
            .toList();
    return new VersionsResponse(result(GetResult.class), message(), versions);
  }

  DeleteModelResponse delete() {
    return new DeleteModelResponse(
        result(DeleteResult.class), message(), root.path("undeploy").asBoolean(false));
  }

  DeployModelResponse deploy() {
    return new DeployModelResponse(
        result(DeployResult.class), message(), text("name"), optionalText(root.path("version")));
  }

  StatusResponse status() {
    JsonNode status = root.path("status");
    return new StatusResponse(
        result(StatusResult.class),
        message(),
        status.isObject() ? Optional.of(status(status)) : Optional.empty());
  }

  private AppStatus status(JsonNode node) {
    if (node.isMissingNode()) {
      return AppStatus.of(StatusType.UNDEPLOYED, "");
    }
    try {
      return ApiJson.status(node);
    } catch (MalformedJsonException e) {
      throw new SchedulerReplyException("unreadable status on " + subject + ": " + e.getMessage());
    }
  }

  private Application manifest(JsonNode node) {
    String text;
    try {
      text = ApiJson.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new SchedulerReplyException(
          "unreadable manifest on " + subject + ": " + e.getMessage());
    }
    ParseResult parsed =
        Manifests.parser(
                () -> {
                  throw new SchedulerReplyException("manifest on " + subject + " has no version");
                })
            .parse(text, Format.JSON);
    return switch (parsed) {
      case ParseResult.Valid valid -> valid.application();
      case ParseResult.Invalid invalid ->
          throw new SchedulerReplyException(
              "the scheduler returned a manifest on "
                  + subject
                  + " that does not validate here: "
                  + invalid.errors());
    };
  }

  private <E extends Enum<E>> E result(Class<E> type) {
    String wire = root.path("result").asText("");
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> ApiResponse.wireName(e).equals(wire))
        .findFirst()
        .orElseThrow(
            () ->
                new SchedulerReplyException(
                    "reply on " + subject + " has an unknown result '" + wire + "'"));
  }

  private String message() {
    return text("message");
  }

  private String text(String field) {
    return root.path(field).asText("");
  }

  private static Optional<String> optionalText(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
