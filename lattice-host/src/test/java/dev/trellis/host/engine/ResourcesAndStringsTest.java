package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Guest-defined resources ({@code counter}) and the three string encodings ({@code strings}). */
class ResourcesAndStringsTest {
  private static final String C = "trellis:examples/counters#";

  @Test
  void constructorsMethodsStaticsAndDestructors() {
    ComponentInstance counters = Linker.create().instantiate(Fixtures.load("counter"));
    WitValue c =
        counters.invoke(C + "[constructor]counter", new WitValue.S32Value(5)).orElseThrow();
    assertInstanceOf(WitValue.HandleValue.class, c);
    assertEquals(s32(8), counters.invoke(C + "[method]counter.increment", c, s32(3)).orElseThrow());
    assertEquals(s32(8), counters.invoke(C + "[method]counter.get", c).orElseThrow());
    assertEquals(u32(1), counters.invoke(C + "[static]counter.live-instances").orElseThrow());

    WitValue d = counters.invoke(C + "[constructor]counter", s32(10)).orElseThrow();
    assertEquals(s32(18), counters.invoke(C + "sum", c, d).orElseThrow());

    WitValue m = counters.invoke(C + "merge", c, d).orElseThrow();
    assertEquals(s32(18), counters.invoke(C + "[method]counter.get", m).orElseThrow());
    assertEquals(u32(2), counters.invoke(C + "destroyed-total").orElseThrow());
    assertEquals(u32(1), counters.invoke(C + "[static]counter.live-instances").orElseThrow());

    counters.dropResource(m);
    assertEquals(u32(3), counters.invoke(C + "destroyed-total").orElseThrow());
    assertEquals(u32(0), counters.invoke(C + "[static]counter.live-instances").orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"strings-utf8, 16, 8", "strings-utf16, 10, 6", "strings-latin1-utf16, 2147483658, 6"})
  void stringsInEveryEncoding(String iface, long longUnits, long shortUnits) {
    ComponentInstance strings = Linker.create().instantiate(Fixtures.load("strings"));
    String p = "trellis:examples/" + iface + "#";
    assertEquals("\"Grüße, 世界!\"", Calls.wave(strings, p + "greeting()"));
    assertEquals("\"Grüße!\"", Calls.wave(strings, p + "short-greeting()"));
    for (String s : List.of("Grüße, 世界!", "plain ascii", "", "😀 astral", "ÿ latin1")) {
      assertEquals(str(s), strings.invoke(p + "echo", str(s)).orElseThrow(), iface + " echo " + s);
    }
    assertEquals(u32(longUnits), strings.invoke(p + "code-units", str("Grüße, 世界!")).orElseThrow());
    assertEquals(u32(shortUnits), strings.invoke(p + "code-units", str("Grüße!")).orElseThrow());
  }

  private static WitValue s32(int v) {
    return new WitValue.S32Value(v);
  }

  private static WitValue u32(long v) {
    return new WitValue.U32Value(v);
  }

  private static WitValue str(String v) {
    return new WitValue.StringValue(v);
  }
}
