package dev.trellis.host.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wasi:http/types.fields}: validation, forbidden names, immutability, case rules. */
class FieldsTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static HeaderError refused(Runnable op) {
    return assertThrows(HeaderException.class, op::run).error();
  }

  @Test
  void namesAreCaseInsensitiveAndKeepTheirCaseAndOrder() {
    Fields f = Fields.create();
    f.append("Content-Type", b("text/plain"));
    f.append("x-a", b("1"));
    f.append("X-A", b("2"));
    assertTrue(f.has("content-type"));
    assertEquals(2, f.get("x-A").size());
    assertArrayEquals(b("2"), f.get("x-a").get(1));
    assertEquals(
        List.of(Field.of("Content-Type", "text/plain"), Field.of("x-a", "1"), Field.of("X-A", "2")),
        f.entries());
    f.set("X-a", List.of(b("3")));
    assertEquals(
        List.of(Field.of("Content-Type", "text/plain"), Field.of("X-a", "3")), f.entries());
    f.delete("CONTENT-TYPE");
    assertFalse(f.has("content-type"));
    assertTrue(f.get("nope").isEmpty());
  }

  @Test
  void invalidNamesAndValuesAreInvalidSyntax() {
    Fields f = Fields.create();
    for (String name : List.of("", "a b", "a:b", "ümlaut", "a\r\nb", "(x)")) {
      assertEquals(HeaderError.INVALID_SYNTAX, refused(() -> f.append(name, b("v"))), name);
    }
    for (String value : List.of("a\r\nb", "nul\0", "bell\u0007", "del\u007f")) {
      assertEquals(HeaderError.INVALID_SYNTAX, refused(() -> f.append("x", b(value))), value);
    }
    f.append("x-ok", b("tab\tand obs-text \u00e9 and !#$%&'*+-.^_`|~"));
    assertEquals(HeaderError.INVALID_SYNTAX, refused(() -> f.set("x", List.of(b("ok"), b("\n")))));
    assertEquals(1, f.size());
  }

  @Test
  void hopByHopAndHostAreForbiddenInAnyCase() {
    Fields f = Fields.create();
    for (String name :
        List.of(
            "Connection",
            "keep-alive",
            "Transfer-Encoding",
            "UPGRADE",
            "host",
            "proxy-connection")) {
      assertEquals(HeaderError.FORBIDDEN, refused(() -> f.append(name, b("x"))), name);
      assertEquals(HeaderError.FORBIDDEN, refused(() -> f.delete(name)), name);
    }
    assertEquals(
        HeaderError.FORBIDDEN,
        assertThrows(
                HeaderException.class,
                () -> Fields.fromList(List.of(Field.of("a", "1"), Field.of("Host", "h"))))
            .error());
  }

  @Test
  void frozenFieldsRefuseChangesButTheirCloneIsMutable() {
    Fields f = Fields.fromList(List.of(Field.of("a", "1")));
    f.freeze();
    assertEquals(HeaderError.IMMUTABLE, refused(() -> f.append("b", b("2"))));
    assertEquals(HeaderError.IMMUTABLE, refused(() -> f.set("a", List.of())));
    assertEquals(HeaderError.IMMUTABLE, refused(() -> f.delete("a")));
    Fields copy = f.copy();
    copy.append("b", b("2"));
    assertEquals(2, copy.size());
    assertEquals(1, f.size());
  }

  @Test
  void trustedFieldsFromTheNetworkMayCarryHostButAreImmutable() {
    Fields f = Fields.trusted(List.of(Field.of("Host", "example.com")));
    assertEquals("example.com", f.first("host").orElseThrow());
    assertTrue(f.isImmutable());
  }

  @Test
  void contentLengthIsReadOnlyWhenValid() {
    assertEquals(
        42L,
        OutgoingRequest.contentLength(Fields.fromList(List.of(Field.of("Content-Length", "42"))))
            .orElseThrow());
    assertTrue(
        OutgoingRequest.contentLength(Fields.fromList(List.of(Field.of("content-length", "-1"))))
            .isEmpty());
  }
}
