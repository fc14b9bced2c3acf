package dev.trellis.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.ImagePullPolicy;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decodesAHandWrittenStartRequestInCamelCase() {
    String json =
        """
        {"workloadId": "w-1",
         "workload": {"namespace": "default", "name": "hello",
           "annotations": {"wasmcloud.dev/managed-by": "trellis"},
           "witWorld": {
             "components": [{"name": "api", "image": "file:///tmp/a.wasm", "poolSize": 4,
               "maxInvocations": -1, "imagePullPolicy": "IMAGE_PULL_POLICY_IF_NOT_PRESENT",
               "localResources": {"memoryLimitMb": 64, "environment": {"A": "1"},
                 "allowedHosts": ["*.example.com"],
                 "volumeMounts": [{"name": "data", "mountPath": "/data", "readOnly": true}]}}],
             "hostInterfaces": [{"namespace": "wasi", "package": "keyvalue",
               "version": "0.2.0-draft", "interfaces": ["store", "atomics"],
               "config": {"wrpc:name": "kv"}, "name": "cache"}]},
           "volumes": [{"name": "data", "hostPath": {"localPath": "/srv/data"}}]}}
        """;
    WorkloadStartRequest request =
        ProtoJson.decode(utf8(json), WorkloadStartRequest.getDefaultInstance());
    assertEquals("w-1", request.getWorkloadId());
    var component = request.getWorkload().getWitWorld().getComponents(0);
    assertEquals(4, component.getPoolSize());
    assertEquals(-1, component.getMaxInvocations());
    assertEquals(ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT, component.getImagePullPolicy());
    assertEquals(64, component.getLocalResources().getMemoryLimitMb());
    assertTrue(component.getLocalResources().getVolumeMounts(0).getReadOnly());
    var kv = request.getWorkload().getWitWorld().getHostInterfaces(0);
    assertEquals("kv", kv.getConfigMap().get("wrpc:name"));
    assertEquals("/srv/data", request.getWorkload().getVolumes(0).getHostPath().getLocalPath());

    WorkloadStartRequest again = ProtoJson.decode(ProtoJson.encode(request), request);
    assertEquals(request, again);
  }

  @Test
  void printsCamelCaseFieldsAndEnumNames() {
    var response =
        WorkloadStatusResponse.newBuilder()
            .setWorkloadStatus(
                dev.trellis.proto.v2.WorkloadStatus.newBuilder()
                    .setWorkloadId("w-9")
                    .setWorkloadState(WorkloadState.WORKLOAD_STATE_NOT_FOUND)
                    .setMessage("no workload w-9 on this host"))
            .build();
    assertEquals(
        "{\"workloadStatus\":{\"workloadId\":\"w-9\",\"workloadState\":"
            + "\"WORKLOAD_STATE_NOT_FOUND\",\"message\":\"no workload w-9 on this host\"}}",
        ProtoJson.print(response));
  }

  @Test
  void heartbeatRoundTripsWithTimestampAndUnsignedCounts() {
    String json =
        """
        {"id": "h1", "friendlyName": "calm-otter-12", "version": "0.1.0",
         "labels": {"hostcore.os": "linux", "region": "eu-west"},
         "startedAt": "2026-11-21T10:00:00Z", "osArch": "x86_64", "systemCpuUsage": 12.5,
         "systemMemoryTotal": "25769803776", "componentCount": "3", "httpPort": 8080,
         "imports": [{"namespace": "wasi", "package": "http", "version": "0.2.6",
                      "interfaces": ["outgoing-handler"]}]}
        """;
    HostHeartbeat beat = ProtoJson.decode(utf8(json), HostHeartbeat.getDefaultInstance());
    assertEquals(25_769_803_776L, beat.getSystemMemoryTotal());
    assertEquals(1_795_255_200L, beat.getStartedAt().getSeconds());
    assertEquals("eu-west", beat.getLabelsMap().get("region"));
    assertEquals(beat, ProtoJson.decode(ProtoJson.encode(beat), beat));
  }

  @Test
  void toleratesUnknownFieldsFromNewerPeers() {
    String json = "{\"workloadId\": \"w-2\", \"someFutureField\": {\"x\": [1, 2]}}";
    var request =
        ProtoJson.decode(
            utf8(json), dev.trellis.proto.v2.WorkloadStatusRequest.getDefaultInstance());
    assertEquals("w-2", request.getWorkloadId());
  }

  @Test
  void emptyPayloadIsTheDefaultMessage() {
    var request =
        ProtoJson.decode(
            new byte[0], dev.trellis.proto.v2.WorkloadStatusRequest.getDefaultInstance());
    assertEquals("", request.getWorkloadId());
  }

  @Test
  void rejectsMalformedJsonNamingTheMessageType() {
    for (String bad :
        new String[] {
          "{not json",
          "[1,2,3]",
          "{\"workloadId\": {\"a\": 1}}",
          "{\"workload\": \"oops\"}",
          "\u0000\u0001"
        }) {
      var error =
          assertThrows(
              MalformedMessageException.class,
              () -> ProtoJson.decode(utf8(bad), WorkloadStartRequest.getDefaultInstance()),
              bad);
      assertTrue(
          error.getMessage().startsWith("malformed WorkloadStartRequest"), error.getMessage());
    }
  }

  @Test
  void malformedPayloadsAreDescribedWithoutJavaClassNamesOrRawBytes() {
    var notUtf8 =
        assertThrows(
            MalformedMessageException.class,
            () ->
                ProtoJson.decode(
                    new byte[] {'"', (byte) 0xC3, '"'}, WorkloadStartRequest.getDefaultInstance()));
    assertEquals(
        "malformed WorkloadStartRequest (proto3 JSON expected): the payload is not UTF-8 text",
        notUtf8.getMessage());

    var truncated =
        assertThrows(
            MalformedMessageException.class,
            () ->
                ProtoJson.decode(
                    utf8("{\"workloadId\":"), WorkloadStartRequest.getDefaultInstance()));
    assertEquals(
        "malformed WorkloadStartRequest (proto3 JSON expected): End of input at line 1 column 15"
            + " path $.workloadId",
        truncated.getMessage());

    var quoted =
        assertThrows(
            MalformedMessageException.class,
            () ->
                ProtoJson.decode(
                    utf8("\"a\u0001" + "b".repeat(500) + "\""),
                    WorkloadStartRequest.getDefaultInstance()));
    assertTrue(quoted.getMessage().contains("a\\u0001bbb"), quoted.getMessage());
    assertTrue(quoted.getMessage().length() < 300, quoted.getMessage());
  }

  @Test
  void anEnumValueFromANewerPeerReadsAsUnspecified() {
    String json =
        "{\"workloadStatus\": {\"workloadId\": \"w\", \"workloadState\": \"WORKLOAD_STATE_NEW\"}}";
    var status =
        ProtoJson.decode(utf8(json), WorkloadStatusResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals("w", status.getWorkloadId());
    assertEquals(WorkloadState.WORKLOAD_STATE_UNSPECIFIED, status.getWorkloadState());
  }
}
