package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.ByteReader.hex;

import dev.trellis.host.engine.binary.Definition.CoreInlineExport;
import dev.trellis.host.engine.binary.Definition.CoreInstantiateArg;
import dev.trellis.host.engine.binary.Definition.InlineExport;
import dev.trellis.host.engine.binary.Definition.InstantiateArg;
import java.util.List;

/**
 * Decodes the vector sections of a component (core instances, core types, instances, aliases,
 * types, canons, imports, exports) into {@link Definition}s, one per vector element.
 */
final class DefinitionReader {
  private DefinitionReader() {}

  /** Section 2: {@code vec(core:instance)}. */
  static List<Definition> coreInstances(ByteReader r) {
    return r.vec(DefinitionReader::coreInstance);
  }

  private static Definition coreInstance(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new Definition.CoreInstantiate(r.index(), r.vec(DefinitionReader::coreArg));
      case 0x01 -> new Definition.CoreInlineInstance(r.vec(DefinitionReader::coreInlineExport));
      default -> throw r.errorAt(start, "unknown core instance kind " + hex(kind));
    };
  }

  private static CoreInstantiateArg coreArg(ByteReader r) {
    String name = r.name();
    r.expect(0x12, "core instantiate argument '" + name + "' sort must be instance");
    return new CoreInstantiateArg(name, r.index());
  }

  private static CoreInlineExport coreInlineExport(ByteReader r) {
    return new CoreInlineExport(r.name(), ExternReader.coreSortIndex(r));
  }

  /** Section 3: {@code vec(core:type)}. */
  static List<Definition> coreTypes(ByteReader r) {
    return r.vec(in -> new Definition.CoreTypeDef(CoreTypeReader.coreType(in)));
  }

  /** Section 5: {@code vec(instance)}. */
  static List<Definition> instances(ByteReader r) {
    return r.vec(DefinitionReader::instance);
  }

  private static Definition instance(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new Definition.Instantiate(r.index(), r.vec(DefinitionReader::instantiateArg));
      case 0x01 -> new Definition.InlineInstance(r.vec(DefinitionReader::inlineExport));
      default -> throw r.errorAt(start, "unknown instance kind " + hex(kind));
    };
  }

  private static InstantiateArg instantiateArg(ByteReader r) {
    return new InstantiateArg(r.name(), ExternReader.sortIndex(r));
  }

  private static InlineExport inlineExport(ByteReader r) {
    return new InlineExport(ExternReader.externName(r), ExternReader.sortIndex(r));
  }

  /** Section 6: {@code vec(alias)}. */
  static List<Definition> aliases(ByteReader r) {
    return r.vec(ExternReader::alias);
  }

  /** Section 7: {@code vec(type)}. */
  static List<Definition> types(ByteReader r) {
    return r.vec(in -> new Definition.TypeDef(TypeReader.defType(in)));
  }

  /** Section 8: {@code vec(canon)}. */
  static List<Definition> canons(ByteReader r) {
    return r.vec(in -> new Definition.Canon(CanonReader.canon(in)));
  }

  /** Section 10: {@code vec(import)}. */
  static List<Definition> imports(ByteReader r) {
    return r.vec(in -> new Import(ExternReader.externName(in), ExternReader.externDesc(in)));
  }

  /** Section 11: {@code vec(export)}. */
  static List<Definition> exports(ByteReader r) {
    return r.vec(DefinitionReader::export);
  }

  private static Definition export(ByteReader r) {
    ExternName name = ExternReader.externName(r);
    SortIndex item = ExternReader.sortIndex(r);
    return new Definition.Export(name, item, r.optional(ExternReader::externDesc));
  }
}
