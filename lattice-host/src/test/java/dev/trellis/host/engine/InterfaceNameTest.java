package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WASI-style semver matching of interface names. */
class InterfaceNameTest {

  @ParameterizedTest(name = "{0} provides {1}: {2}")
  @CsvSource({
    "wasi:io/streams@0.2.6, wasi:io/streams@0.2.0, true",
    "wasi:io/streams@0.2.0, wasi:io/streams@0.2.6, true",
    "wasi:io/streams@0.2.6, wasi:io/streams@0.2.6, true",
    "wasi:io/streams@0.3.0, wasi:io/streams@0.2.6, false",
    "wasi:io/streams@1.0.0, wasi:io/streams@0.2.6, false",
    "wasi:io/poll@0.2.6, wasi:io/streams@0.2.6, false",
    "a:b/c@1.4.2, a:b/c@1.0.0, true",
    "a:b/c@1.0.0, a:b/c@1.9.9, true",
    "a:b/c@2.0.0, a:b/c@1.9.9, false",
    "a:b/c@0.0.2, a:b/c@0.0.1, false",
    "a:b/c@0.0.1, a:b/c@0.0.1, true",
    "wasi:http/types@0.2.0-draft, wasi:http/types@0.2.0-draft, true",
    "wasi:http/types@0.2.0, wasi:http/types@0.2.0-draft, false",
    "wasi:http/types@0.2.0-rc-2023-12-05, wasi:http/types@0.2.0, false",
    "wasi:http/types@0.2.1-draft, wasi:http/types@0.2.0-draft, false",
    "a:b/c, a:b/c, true",
    "a:b/c@1.0.0, a:b/c, false",
    "a:b/c, a:b/c@1.0.0, false",
    "a:b/c@1.0.0+build.5, a:b/c@1.0.0, true"
  })
  void matching(String provided, String wanted, boolean satisfies) {
    InterfaceName have = InterfaceName.parse(provided).orElseThrow();
    InterfaceName want = InterfaceName.parse(wanted).orElseThrow();
    assertEquals(satisfies, have.satisfies(want));
  }

  @Test
  void parsesNamesAndRejectsOthers() {
    InterfaceName name = InterfaceName.parse("wasi:cli/run@0.2.3").orElseThrow();
    assertEquals("wasi:cli/run", name.unversioned());
    assertEquals("0.2.3", name.version().orElseThrow().toString());
    assertTrue(name.isWasi());
    assertFalse(InterfaceName.parse("greet").isPresent());
    assertFalse(InterfaceName.parse("wasi:cli/run@0.2").isPresent());
    assertFalse(InterfaceName.parse("trellis:examples/math").orElseThrow().isWasi());
  }

  @Test
  void ordersVersions() {
    var v = InterfaceName.Version.parse("0.2.10").orElseThrow();
    assertTrue(v.compareTo(InterfaceName.Version.parse("0.2.9").orElseThrow()) > 0);
    assertTrue(
        InterfaceName.Version.parse("1.0.0-rc")
                .orElseThrow()
                .compareTo(InterfaceName.Version.parse("1.0.0").orElseThrow())
            < 0);
  }
}
