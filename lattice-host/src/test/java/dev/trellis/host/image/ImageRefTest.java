package dev.trellis.host.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static ImageRef.Oci oci(String text) {
    return assertInstanceOf(ImageRef.Oci.class, ImageRef.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "hello,                               docker.io, library/hello,   latest",
    "hello:1.0,                           docker.io, library/hello,   1.0",
    "acme/api:2,                          docker.io, acme/api,        2",
    "docker.io/hello:3,                   docker.io, library/hello,   3",
    "index.docker.io/acme/api:4,          docker.io, acme/api,        4",
    "ghcr.io/acme/inventory-api:1.2.0,    ghcr.io,   acme/inventory-api, 1.2.0",
    "localhost:5000/x:y,                  localhost:5000, x,          y",
    "localhost/x,                         localhost, x,               latest",
    "127.0.0.1:5000/a/b/c:v1,             127.0.0.1:5000, a/b/c,      v1",
    "[::1]:5000/x:y,                      [::1]:5000, x,              y",
    "reg.example.com:8443/a__b/c.d-e_f:T_1, reg.example.com:8443, a__b/c.d-e_f, T_1",
  })
  void parsesTaggedReferencesWithDockerDefaults(
      String text, String registry, String repository, String tag) {
    ImageRef.Oci ref = oci(text);
    assertEquals(registry, ref.registry());
    assertEquals(repository, ref.repository());
    assertEquals(Optional.of(tag), ref.tag());
    assertEquals(Optional.empty(), ref.digest());
  }

  @Test
  void parsesDigestsWithAndWithoutTag() {
    ImageRef.Oci pinned = oci("ghcr.io/acme/api@" + DIGEST);
    assertEquals(Optional.of(DIGEST), pinned.digest());
    assertEquals(Optional.empty(), pinned.tag());
    assertEquals("ghcr.io/acme/api@" + DIGEST, pinned.toString());

    ImageRef.Oci both = oci("localhost:5000/api:1.0@" + DIGEST);
    assertEquals(Optional.of("1.0"), both.tag());
    assertEquals(Optional.of(DIGEST), both.digest());
    assertEquals("localhost:5000/api:1.0@" + DIGEST, both.toString());
  }

  @Test
  void canonicalFormRoundTrips() {
    ImageRef.Oci ref = oci("hello");
    assertEquals("docker.io/library/hello:latest", ref.toString());
    assertEquals(ref, ImageRef.parse(ref.toString()));
  }

  @Test
  void recognisesLoopbackRegistries() {
    assertTrue(oci("localhost:5000/x:y").isLoopback());
    assertTrue(oci("127.0.0.1:5000/x:y").isLoopback());
    assertTrue(oci("127.1.2.3/x:y").isLoopback());
    assertTrue(oci("[::1]:5000/x:y").isLoopback());
    assertFalse(oci("ghcr.io/x:y").isLoopback());
    assertFalse(oci("localhost.example.com/x:y").isLoopback());
    assertEquals("[::1]", oci("[::1]:5000/x:y").host());
    assertEquals("localhost", oci("localhost:5000/x:y").host());
  }

  @Test
  void parsesAbsoluteFileReferences() {
    ImageRef ref = ImageRef.parse("file:///srv/apps/app.wasm");
    assertEquals(new ImageRef.LocalFile(Path.of("/srv/apps/app.wasm")), ref);
    assertEquals("file:///srv/apps/app.wasm", ref.toString());
    assertEquals(ref, ImageRef.parse("file://localhost/srv/apps/app.wasm"));
    assertEquals(ref, ImageRef.parse("file:///srv/apps/../apps/app.wasm"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                   | must not be empty",
        "'hello world'                        | must not contain whitespace",
        "file://app.wasm                      | must be absolute",
        "file://./app.wasm                    | must be absolute",
        "file:app.wasm                        | must start with 'file://'",
        "file:///srv/                         | must name a file",
        "https://ghcr.io/a/b:1                | scheme 'https://' is not supported",
        "ghcr.io/Acme/api:1                   | repository component 'Acme' must be lower case",
        "ghcr.io/acme//api:1                  | empty component",
        "ghcr.io/acme/api-:1                  | repository component 'api-' may use only",
        "ghcr.io/acme/api:                    | tag ''",
        "ghcr.io/acme/api:-x                  | tag '-x'",
        "ghcr.io/acme/api@sha512:abcd         | digest algorithm 'sha512' is not supported",
        "ghcr.io/acme/api@sha256:ABCD         | 64 lower-case hex",
        "ghcr.io/acme/api@deadbeef            | must look like sha256:",
        "localhost:0/x:y                      | registry port '0' must be a number in 1..65535",
        "localhost:99999/x:y                  | registry port '99999'",
        "bad_host.io/x:y                      | registry host 'bad_host.io'",
        "ghcr.io/                             | repository name is missing",
        ":tag                                 | repository name is missing",
      })
  void rejectsWithThePreciseRule(String text, String rule) {
    ImageException e = assertThrows(ImageException.class, () -> ImageRef.parse(text));
    assertEquals(ImageException.Kind.INVALID_REFERENCE, e.kind());
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(rule), e.getMessage());
  }

  @Test
  void rejectsOverlongNames() {
    String longPath = "a/".repeat(130) + "b";
    ImageException e =
        assertThrows(ImageException.class, () -> ImageRef.parse("ghcr.io/" + longPath + ":1"));
    assertTrue(e.getMessage().contains("longer than 255"), e.getMessage());
  }

  @Test
  void recordsValidateTheirParts() {
    assertThrows(
        ImageException.class,
        () -> new ImageRef.Oci("ghcr.io", "Upper", Optional.of("1"), Optional.empty()));
    assertThrows(
        ImageException.class,
        () -> new ImageRef.Oci("ghcr.io", "x", Optional.empty(), Optional.empty()));
    assertThrows(ImageException.class, () -> new ImageRef.LocalFile(Path.of("relative.wasm")));
  }

  @Test
  void credentialsNeverPrintThePassword() {
    assertFalse(new Credentials("alice", "s3cret").toString().contains("s3cret"));
  }
}
