package dev.trellis.scheduler.api;

import static dev.trellis.scheduler.api.StatusType.DEPLOYED;
import static dev.trellis.scheduler.api.StatusType.FAILED;
import static dev.trellis.scheduler.api.StatusType.RECONCILING;
import static dev.trellis.scheduler.api.StatusType.UNDEPLOYED;
import static dev.trellis.scheduler.api.StatusType.UNHEALTHY;
import static dev.trellis.scheduler.api.StatusType.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.scheduler.api.ApiResponse.LegacyModelList;
import dev.trellis.scheduler.api.ApiResponse.ModelSummary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** wadm's status aggregation and the exact JSON of statuses and summaries. */
class StatusJsonTest {
  @Test
  void statusesCombineWithWadmsPrecedence() {
    assertEquals(DEPLOYED, StatusType.combine(List.of(DEPLOYED, DEPLOYED)));
    assertEquals(UNDEPLOYED, StatusType.combine(List.of(UNDEPLOYED, UNDEPLOYED)));
    assertEquals(FAILED, StatusType.combine(List.of(UNDEPLOYED, FAILED)));
    assertEquals(UNDEPLOYED, StatusType.combine(List.of(RECONCILING, UNDEPLOYED)));
    assertEquals(UNDEPLOYED, StatusType.combine(List.of(DEPLOYED, UNDEPLOYED)));
    assertEquals(FAILED, StatusType.combine(List.of(DEPLOYED, RECONCILING, UNDEPLOYED, FAILED)));
    assertEquals(UNHEALTHY, StatusType.combine(List.of(DEPLOYED, UNHEALTHY)));
    assertEquals(RECONCILING, StatusType.combine(List.of(RECONCILING, UNHEALTHY)));
    assertEquals(WAITING, StatusType.combine(List.of(RECONCILING, WAITING, DEPLOYED)));
    assertEquals(UNDEPLOYED, StatusType.combine(List.of()));
  }

  @Test
  void wadmsAliasesAreRead() {
    assertEquals(Optional.of(RECONCILING), StatusType.fromWire("compensating"));
    assertEquals(Optional.of(DEPLOYED), StatusType.fromWire("ready"));
    assertEquals(Optional.empty(), StatusType.fromWire("Deployed"));
  }

  @Test
  void anApplicationStatusCombinesItsScalersAndTheirMessages() {
    AppStatus status =
        AppStatus.of(
            List.of(
                new ScalerStatus("s1", "SpreadScaler", "api", DEPLOYED, ""),
                new ScalerStatus("s2", "LinkScaler", "api-kv", FAILED, " no host has kv "),
                new ScalerStatus("s3", "DaemonScaler", "kv", RECONCILING, "starting")));
    assertEquals(FAILED, status.type());
    assertEquals("no host has kv, starting", status.message());
  }

  @Test
  void statusJsonIsWadmsStatus() {
    assertEquals(
        "{\"status\":{\"type\":\"deployed\"},\"version\":\"\",\"components\":[]}",
        ApiJson.status(AppStatus.of(DEPLOYED, "")).toString());
    AppStatus detailed =
        AppStatus.of(List.of(new ScalerStatus("s1", "SpreadScaler", "api", FAILED, "no host")));
    String json = ApiJson.status(detailed).toString();
    assertEquals(
        "{\"status\":{\"type\":\"failed\",\"message\":\"no host\"},\"scalers\":[{\"id\":\"s1\","
            + "\"kind\":\"SpreadScaler\",\"name\":\"api\",\"status\":{\"type\":\"failed\","
            + "\"message\":\"no host\"}}],\"version\":\"\",\"components\":[]}",
        json);
    assertEquals(detailed, ApiJson.status(ApiJson.parse(json.getBytes())));
    assertThrows(
        ApiJson.MalformedJsonException.class,
        () -> ApiJson.status(ApiJson.parse("{\"status\":{\"type\":\"sleepy\"}}".getBytes())));
  }

  @Test
  void theDeprecatedSummaryStatusReportsWaitingAsUndeployed() {
    ModelSummary summary =
        new ModelSummary(
            "shop", "v2", Optional.empty(), Optional.of("v1"), AppStatus.of(WAITING, "no hosts"));
    assertEquals(
        "[{\"name\":\"shop\",\"version\":\"v2\",\"description\":null,\"deployed_version\":\"v1\","
            + "\"detailed_status\":{\"status\":{\"type\":\"waiting\",\"message\":\"no hosts\"},"
            + "\"version\":\"\",\"components\":[]},\"status\":\"undeployed\","
            + "\"status_message\":\"no hosts\"}]",
        ApiJson.tree(new LegacyModelList(List.of(summary))).toString());
  }

  @Test
  void requestBodiesCarryAnOptionalVersion() {
    assertEquals(Optional.empty(), ApiJson.requestedVersion(new byte[0]));
    assertEquals(Optional.empty(), ApiJson.requestedVersion("{}".getBytes()));
    assertEquals(Optional.empty(), ApiJson.requestedVersion("{\"version\":null}".getBytes()));
    assertEquals(Optional.of("v1"), ApiJson.requestedVersion("{\"version\":\"v1\"}".getBytes()));
    assertThrows(
        ApiJson.MalformedJsonException.class, () -> ApiJson.requestedVersion("[]".getBytes()));
  }

  @Test
  void contentTypesNameAFormat() {
    assertEquals(
        Optional.of(dev.trellis.scheduler.manifest.Format.JSON),
        ModelHandlers.formatOf("application/json; charset=utf-8"));
    assertEquals(
        Optional.of(dev.trellis.scheduler.manifest.Format.YAML),
        ModelHandlers.formatOf("application/yaml"));
    assertEquals(Optional.empty(), ModelHandlers.formatOf("text/plain"));
  }
}
