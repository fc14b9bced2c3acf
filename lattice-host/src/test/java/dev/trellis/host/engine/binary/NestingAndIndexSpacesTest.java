package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.Bin.component;
import static dev.trellis.host.engine.binary.Bin.externName;
import static dev.trellis.host.engine.binary.Bin.of;
import static dev.trellis.host.engine.binary.Bin.section;
import static dev.trellis.host.engine.binary.Bin.str;
import static dev.trellis.host.engine.binary.Bin.vec;
import static dev.trellis.host.engine.binary.Bin.vecSection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Section 4 (nested components), the component-name section and index space bookkeeping. */
class NestingAndIndexSpacesTest {

  private static Bin nestedSection(byte[] inner) {
    return section(4, Bin.of().raw(inner));
  }

  @Test
  void decodesNestedComponentsRecursivelyWithAbsoluteOffsets() {
    byte[] inner = component(vecSection(10, externName("import-func-f").u8(0x01, 0x00)));
    byte[] outer = component(vecSection(7, of(0x40, 0x00, 0x01, 0x00)), nestedSection(inner));
    var nested = (Definition.NestedComponent) ComponentDecoder.decode(outer).definitions().get(1);
    // preamble (8) + type section (2 + 5) + nested section header (2)
    assertEquals(17, nested.offset());
    assertEquals(inner.length, nested.size());
    assertEquals(17 + 8 + 2, nested.component().sections().get(0).offset());
    assertEquals(
        List.of(new Import(ExternName.of("import-func-f"), new ExternDesc.Func(0))),
        nested.component().imports());
  }

  @Test
  void nestedErrorsReportAbsoluteOffsets() {
    byte[] inner = component(vecSection(7, of(0x5f)));
    var e = Decode.error(component(nestedSection(inner)));
    assertEquals("section 7 (type) at offset 0x15: unknown defvaltype opcode 0x5f", e.getMessage());
  }

  @Test
  void nestedCoreModuleIsNotAComponent() {
    var e = Decode.error(component(nestedSection(Bin.EMPTY_CORE_MODULE)));
    assertEquals(
        "section 4 (component) at offset 0xe: this is a core module, not a component",
        e.getMessage());
  }

  @Test
  void boundsComponentNestingDepth() {
    byte[] bytes = component();
    for (int i = 0; i < 200; i++) {
      bytes = component(nestedSection(bytes));
    }
    byte[] deep = bytes;
    assertTrue(Decode.error(deep).reason().startsWith("nesting deeper than 100 levels"));
    byte[] ok = component();
    for (int i = 0; i < 100; i++) {
      ok = component(nestedSection(ok));
    }
    assertEquals(1, ComponentDecoder.decode(ok).definitions().size());
  }

  @Test
  void indexSpacesFollowDefinitionOrder() {
    byte[] bytes =
        component(
            section(1, Bin.of().raw(Bin.EMPTY_CORE_MODULE)),
            vecSection(2, of(0x00, 0x00, 0x00)),
            vecSection(
                6,
                of(0x00, 0x00, 0x01, 0x00).append(str("run")),
                of(0x00, 0x02, 0x01, 0x00).append(str("memory"))),
            vecSection(7, of(0x40, 0x00, 0x01, 0x00)),
            vecSection(10, externName("log").u8(0x01, 0x00)),
            vecSection(8, of(0x00, 0x00, 0x00, 0x00, 0x00), of(0x01, 0x00, 0x00, 0x00)),
            vecSection(11, externName("run").u8(0x01, 0x01, 0x00)));
    ComponentBinary binary = ComponentDecoder.decode(bytes);
    IndexSpaces spaces = binary.indexSpaces();
    assertEquals(1, spaces.size(Sort.CORE_MODULE));
    assertEquals(1, spaces.size(Sort.CORE_INSTANCE));
    assertEquals(2, spaces.size(Sort.CORE_FUNC)); // alias "run" then canon lower
    assertEquals(1, spaces.size(Sort.CORE_MEMORY));
    assertEquals(1, spaces.size(Sort.TYPE));
    assertEquals(3, spaces.size(Sort.FUNC)); // import log, canon lift, export run
    assertTrue(spaces.get(Sort.FUNC, 1).orElseThrow() instanceof Definition.Canon);
    assertTrue(spaces.get(Sort.FUNC, 2).orElseThrow() instanceof Definition.Export);
    assertEquals(Optional.empty(), spaces.get(Sort.FUNC, 3));
    assertEquals(Optional.empty(), spaces.get(Sort.FUNC, -1));
    assertEquals(0, spaces.size(Sort.INSTANCE));
    assertEquals(List.of("run"), binary.exports().stream().map(e -> e.name().name()).toList());
  }

  @Test
  void decodesComponentNameSection() {
    Bin payload =
        str("component-name")
            .append(section(0, str("app")))
            .append(
                section(
                    1,
                    of(0x01).append(vec(of(0x00).append(str("run")), of(0x02).append(str("log"))))))
            .append(section(1, of(0x00, 0x00).append(vec(of(0x05).append(str("cabi_realloc"))))))
            .append(section(9, of(1, 2, 3)));
    ComponentNames names =
        ComponentDecoder.decode(component(section(0, payload))).componentNames().orElseThrow();
    assertEquals(Optional.of("app"), names.componentName());
    assertEquals(Optional.of("log"), names.nameOf(Sort.FUNC, 2));
    assertEquals(Optional.of("cabi_realloc"), names.nameOf(Sort.CORE_FUNC, 5));
    assertEquals(Optional.empty(), names.nameOf(Sort.TYPE, 0));
    assertEquals(Map.of(0, "run", 2, "log"), names.names().get(Sort.FUNC));
  }

  @Test
  void toleratesMalformedComponentNameSection() {
    Bin payload = str("component-name").append(section(0, of(0x05, 0x61)));
    ComponentBinary binary = ComponentDecoder.decode(component(section(0, payload)));
    assertEquals(Optional.empty(), binary.componentNames());
    assertEquals("component-name", binary.customSections().get(0).name());
    assertEquals(4, binary.customSections().get(0).payload().size());
  }
}
