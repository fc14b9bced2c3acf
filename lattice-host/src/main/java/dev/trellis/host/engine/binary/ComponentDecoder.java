package dev.trellis.host.engine.binary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes a WebAssembly component binary (Component Model binary format, version 0x0d, layer 1)
 * into an immutable {@link ComponentBinary}. Core modules are kept as raw bytes for Chicory; all
 * other sections are decoded fully. Structural decoding only: indices are not resolved and types
 * are not checked, which is the instantiator's job.
 *
 * <p>Every malformed or unsupported input ends in a {@link ComponentDecodeException} naming the
 * section and the absolute byte offset. Nesting is bounded (100 levels) and no length is trusted
 * before it is checked against the bytes that remain.
 */
public final class ComponentDecoder {
  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
  private static final int PREAMBLE_SIZE = 8;
  private static final int COMPONENT_VERSION = 0x0d;
  private static final int COMPONENT_LAYER = 0x01;

  private ComponentDecoder() {}

  /**
   * Decodes a whole component binary.
   *
   * @throws ComponentDecodeException if the bytes are not a well-formed, supported component
   */
  public static ComponentBinary decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return component(ByteReader.of(bytes, "preamble"));
  }

  /** Decodes the component that fills the reader's window, preamble first. */
  private static ComponentBinary component(ByteReader r) {
    preamble(r);
    String outerLocation = r.location();
    List<Section> sections = new ArrayList<>();
    while (!r.atEnd()) {
      sections.add(section(r));
      r.locate(outerLocation);
    }
    return new ComponentBinary(sections);
  }

  private static void preamble(ByteReader r) {
    int start = r.position();
    if (r.remaining() < PREAMBLE_SIZE) {
      throw r.errorAt(start, "truncated preamble: " + r.remaining() + " of 8 bytes");
    }
    for (byte expected : MAGIC) {
      if (r.u8() != (expected & 0xff)) {
        throw r.errorAt(start, "not a WebAssembly binary (bad magic)");
      }
    }
    int version = r.u8() | r.u8() << 8;
    int layer = r.u8() | r.u8() << 8;
    if (layer == 0x00) {
      throw r.errorAt(start + 4, "this is a core module, not a component");
    }
    if (layer != COMPONENT_LAYER) {
      throw r.errorAt(start + 6, "unknown layer " + layer + " (a component has layer 1)");
    }
    if (version != COMPONENT_VERSION) {
      throw r.errorAt(
          start + 4,
          "unsupported component version " + ByteReader.hex(version) + " (expected 0x0d)");
    }
  }

  private static Section section(ByteReader r) {
    int idOffset = r.position();
    int code = r.u8();
    Optional<SectionId> known = SectionId.fromCode(code);
    if (known.isEmpty()) {
      r.locate("section " + code);
      throw r.errorAt(idOffset, "unknown section id " + code);
    }
    SectionId id = known.get();
    r.locate(id.location());
    long size = r.u32();
    ByteReader content = r.slice(size, id.location());
    Section section = sectionContent(id, content);
    content.expectEnd();
    return section;
  }

  private static Section sectionContent(SectionId id, ByteReader r) {
    int offset = r.position();
    int size = r.remaining();
    return switch (id) {
      case CUSTOM -> custom(r);
      case CORE_MODULE -> definitions(id, offset, size, List.of(coreModule(r)));
      case CORE_INSTANCE -> definitions(id, offset, size, DefinitionReader.coreInstances(r));
      case CORE_TYPE -> definitions(id, offset, size, DefinitionReader.coreTypes(r));
      case COMPONENT -> definitions(id, offset, size, List.of(nestedComponent(r)));
      case INSTANCE -> definitions(id, offset, size, DefinitionReader.instances(r));
      case ALIAS -> definitions(id, offset, size, DefinitionReader.aliases(r));
      case TYPE -> definitions(id, offset, size, DefinitionReader.types(r));
      case CANON -> definitions(id, offset, size, DefinitionReader.canons(r));
      case IMPORT -> definitions(id, offset, size, DefinitionReader.imports(r));
      case EXPORT -> definitions(id, offset, size, DefinitionReader.exports(r));
      case START -> throw r.error("start definitions (value feature) are not supported");
      case VALUE -> throw r.error("value definitions (value feature) are not supported");
    };
  }

  private static Section definitions(
      SectionId id, int offset, int size, List<Definition> definitions) {
    return new Section.Definitions(id, offset, size, definitions);
  }

  private static Section custom(ByteReader r) {
    int offset = r.position();
    int size = r.remaining();
    String name = r.name();
    Bytes payload = r.bytes(r.remaining());
    Optional<ComponentNames> names =
        name.equals(NameSectionReader.SECTION_NAME)
            ? NameSectionReader.tryDecode(payload)
            : Optional.empty();
    return new Section.Custom(offset, size, name, payload, names);
  }

  private static Definition coreModule(ByteReader r) {
    int offset = r.position();
    if (r.remaining() < PREAMBLE_SIZE) {
      throw r.error("core module of " + r.remaining() + " bytes is shorter than its preamble");
    }
    Bytes bytes = r.bytes(r.remaining());
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes.get(i) != (MAGIC[i] & 0xff)) {
        throw r.errorAt(
            offset, "core module section does not hold a WebAssembly module (bad magic)");
      }
    }
    if (bytes.get(4) != 0x01 || bytes.get(5) != 0 || bytes.get(6) != 0 || bytes.get(7) != 0) {
      throw r.errorAt(offset + 4, "core module section does not hold a version 1 core module");
    }
    return new Definition.CoreModule(offset, bytes);
  }

  private static Definition nestedComponent(ByteReader r) {
    int offset = r.position();
    int size = r.remaining();
    r.enter();
    ComponentBinary component = component(r);
    r.leave();
    return new Definition.NestedComponent(offset, size, component);
  }
}
