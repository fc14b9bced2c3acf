package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.Bin.component;
import static dev.trellis.host.engine.binary.Bin.of;
import static dev.trellis.host.engine.binary.Bin.section;
import static dev.trellis.host.engine.binary.Bin.str;
import static dev.trellis.host.engine.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Preamble, section framing and error reporting of the decoder as a whole. */
class ComponentDecoderTest {

  @Test
  void decodesEmptyComponent() {
    assertEquals(List.of(), ComponentDecoder.decode(component()).sections());
  }

  @Test
  void rejectsCoreModuleWithSpecificMessage() {
    var e = Decode.error(Bin.EMPTY_CORE_MODULE);
    assertEquals("this is a core module, not a component", e.reason());
    assertEquals("preamble", e.location());
  }

  @Test
  void rejectsBadMagic() {
    var e = Decode.error(new byte[] {0x7f, 0x45, 0x4c, 0x46, 0x0d, 0x00, 0x01, 0x00});
    assertEquals("preamble at offset 0x0: not a WebAssembly binary (bad magic)", e.getMessage());
  }

  @Test
  void rejectsOtherVersionsAndLayers() {
    var version = Decode.error(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0c, 0x00, 0x01, 0x00});
    assertEquals("unsupported component version 0x0c (expected 0x0d)", version.reason());
    var layer = Decode.error(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x02, 0x00});
    assertEquals("unknown layer 2 (a component has layer 1)", layer.reason());
  }

  @Test
  void rejectsTruncatedPreamble() {
    assertEquals("truncated preamble: 0 of 8 bytes", Decode.error(new byte[0]).reason());
    assertEquals(
        "truncated preamble: 5 of 8 bytes",
        Decode.error(new byte[] {0, 0x61, 0x73, 0x6d, 0x0d}).reason());
  }

  @Test
  void errorNamesSectionAndAbsoluteOffset() {
    // preamble (8) + custom section (id, size, name "x" = 4 bytes) + type section header (2) +
    // count
    byte[] bytes = component(section(0, str("x")), section(7, vec(of(0x5f))));
    var e = Decode.error(bytes);
    assertEquals("section 7 (type) at offset 0xf: unknown defvaltype opcode 0x5f", e.getMessage());
  }

  @Test
  void rejectsUnknownSectionId() {
    var e = Decode.error(component(section(13, of())));
    assertEquals("section 13 at offset 0x8: unknown section id 13", e.getMessage());
  }

  @Test
  void rejectsStartAndValueSections() {
    assertEquals(
        "section 9 (start) at offset 0xa: start definitions (value feature) are not supported",
        Decode.error(component(section(9, of(0x00, 0x00, 0x00)))).getMessage());
    assertTrue(
        Decode.error(component(section(12, of(0x00))))
            .getMessage()
            .startsWith("section 12 (value) at offset 0xa: value definitions"));
  }

  @Test
  void rejectsSectionLongerThanInput() {
    byte[] bytes = Bin.of().raw(Bin.PREAMBLE).u8(7).u32(100).u8(0x00).build();
    var e = Decode.error(bytes);
    assertEquals(
        "section 7 (type) at offset 0xa: size 100 exceeds the 1 bytes left", e.getMessage());
  }

  @Test
  void rejectsTruncatedSectionSize() {
    byte[] bytes = Bin.of().raw(Bin.PREAMBLE).u8(7, 0x80).build();
    assertEquals(
        "section 7 (type) at offset 0xa: truncated LEB128 integer",
        Decode.error(bytes).getMessage());
  }

  @Test
  void rejectsTrailingBytesInsideSection() {
    // a type section with one u8 type and one stray byte
    var e = Decode.error(component(section(7, vec(of(0x7d)).u8(0x00))));
    assertEquals("section 7 (type) at offset 0xc: 1 unexpected trailing byte(s)", e.getMessage());
  }

  @Test
  void rejectsElementRunningPastItsSection() {
    // the record's field count claims more than the section holds, although the file goes on
    byte[] bytes = component(section(7, vec(of(0x72, 0x01))), section(0, str("pad").u8(1, 2, 3)));
    var e = Decode.error(bytes);
    assertEquals("section 7 (type)", e.location());
    assertEquals("vector length 1 exceeds the 0 bytes left", e.reason());
  }

  @Test
  void keepsSectionOrderOffsetsAndSizes() {
    byte[] bytes =
        component(
            section(0, str("a")),
            Bin.vecSection(7, of(0x79)),
            section(0, str("b")),
            Bin.vecSection(7, of(0x78), of(0x77)));
    ComponentBinary binary = ComponentDecoder.decode(bytes);
    List<SectionId> ids = binary.sections().stream().map(Section::id).toList();
    assertEquals(List.of(SectionId.CUSTOM, SectionId.TYPE, SectionId.CUSTOM, SectionId.TYPE), ids);
    assertEquals(10, binary.sections().get(0).offset());
    assertEquals(2, binary.sections().get(0).size());
    assertEquals(14, binary.sections().get(1).offset());
    assertEquals(2, binary.sections().get(1).size());
    assertEquals(
        List.of(PrimitiveType.U32, PrimitiveType.S64, PrimitiveType.U64),
        binary.definitions().stream().map(d -> ((Definition.TypeDef) d).type()).toList());
  }

  @Test
  void decodesCustomSectionsVerbatim() {
    byte[] bytes = component(section(0, str("producers").u8(1, 2, 3)));
    Section.Custom custom = ComponentDecoder.decode(bytes).customSections().get(0);
    assertEquals("producers", custom.name());
    assertEquals(Bytes.of((byte) 1, (byte) 2, (byte) 3), custom.payload());
    assertTrue(custom.componentNames().isEmpty());
  }

  @Test
  void rejectsCustomSectionWithBadName() {
    var e = Decode.error(component(section(0, of(0x01, 0xff))));
    assertEquals("section 0 (custom) at offset 0xa: name is not valid UTF-8", e.getMessage());
  }

  @Test
  void nullInputIsAProgrammingError() {
    assertInstanceOf(
        NullPointerException.class,
        org.junit.jupiter.api.Assertions.assertThrows(
            Throwable.class, () -> ComponentDecoder.decode(null)));
  }
}
