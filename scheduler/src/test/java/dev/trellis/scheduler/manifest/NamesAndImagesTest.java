package dev.trellis.scheduler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references, application names, label keys and versions follow wadm's and OCI's rules. */
class NamesAndImagesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr.io/wasmcloud/http-server:0.23.0",
        "wasmcloud.azurecr.io/httpserver:0.13.1",
        "localhost:5000/echo:latest",
        "registry.internal:5000/a/b/c@sha256:0123456789abcdef0123456789abcdef",
        "ghcr.io/acme/app:v1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef",
        "[::1]:5000/app:1",
        "nginx",
        "library/hello_world:1.0",
        "ghcr.io/acme/a__b-c.d--e:TAG_1.x",
        "file:///opt/components/echo.wasm",
        "file://./build/http_hello_world_s.wasm",
      })
  void acceptsPullableImages(String reference) {
    assertTrue(ImageReferences.isValid(reference), reference);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr.io//x",
        "ghcr.io/Acme/app:1",
        "ghcr.io/acme/app:",
        "ghcr.io/acme/app:-tag",
        "ghcr.io/acme/app@sha256:abc",
        "ghcr.io/acme/app/",
        "-ghcr.io/acme/app",
        "ghcr.io/acme/app:1 ",
        "https://ghcr.io/acme/app:1",
        "oci://ghcr.io/acme/app:1",
        "file://",
        "file://   ",
        "",
      })
  void rejectsOtherReferences(String reference) {
    assertFalse(ImageReferences.isValid(reference), reference);
  }

  @Test
  void rejectsOverlongReferences() {
    assertFalse(ImageReferences.isValid("ghcr.io/" + "a".repeat(300) + ":1"));
    assertFalse(ImageReferences.isValid("file:///" + "a".repeat(5000)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mymanifest", "my-manifest", "my_manifest", "v2-final", "приложение"})
  void acceptsApplicationNames(String name) {
    assertTrue(OamNames.isValidAppName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"my.manifest", "my manifest", "", "a/b", "app:1"})
  void rejectsApplicationNames(String name) {
    assertFalse(OamNames.isValidAppName(name), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version",
        "app.oam.io/name",
        "experimental.wasmcloud.dev/shared",
        "wasmcloud.dev/readme-md-url",
        "a",
        "prefix.dns.prefix/name-for_a.123",
      })
  void acceptsLabelKeys(String key) {
    assertTrue(OamNames.isValidLabelKey(key), key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bad Key",
        "-leading",
        "trailing.",
        "1abc.com/name",
        "example.com/",
        "/name",
        "a/b/c",
        "ex_ample.com/name",
      })
  void rejectsLabelKeys(String key) {
    assertFalse(OamNames.isValidLabelKey(key), key);
  }

  @Test
  void labelNamesAreAtMostSixtyThreeCharacters() {
    assertTrue(OamNames.isValidLabelKey("a".repeat(63)));
    assertFalse(OamNames.isValidLabelKey("a".repeat(64)));
    assertFalse(OamNames.isValidLabelKey("a".repeat(254) + "/name"));
  }

  @Test
  void latestAndEmptyAreNotVersions() {
    assertEquals(Optional.of("'latest' is a reserved version"), OamNames.versionProblem("latest"));
    assertEquals(Optional.of("must not be empty"), OamNames.versionProblem(" "));
    assertEquals(Optional.empty(), OamNames.versionProblem("Latest"));
    assertEquals(Optional.empty(), OamNames.versionProblem("v1.2.0"));
  }

  @Test
  void defaultIdsAreLowerCasedWithUnderscores() {
    assertEquals(
        "hello_world-http_component", Component.defaultId("Hello-World", "HTTP.Component"));
    assertEquals("app-a_b", Component.defaultId("app", "a b"));
    assertEquals("_n___-x", Component.defaultId("ünï-ç", "x"));
  }
}
