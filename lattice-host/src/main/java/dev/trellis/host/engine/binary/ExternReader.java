package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.ByteReader.hex;

import java.util.EnumSet;
import java.util.Set;

/**
 * Decodes the small productions shared by definitions and type declarators: sorts, sort indices,
 * import/export names with their attributes, extern descriptors and aliases.
 */
final class ExternReader {
  /** The sorts an {@code outer} alias may name. */
  private static final Set<Sort> OUTER_ALIAS_SORTS =
      EnumSet.of(Sort.CORE_TYPE, Sort.CORE_MODULE, Sort.TYPE, Sort.COMPONENT);

  private ExternReader() {}

  /** {@code sort}: {@code 0x00 core:sort} or a component sort byte. */
  static Sort sort(ByteReader r) {
    int start = r.position();
    int code = r.u8();
    if (code == 0x00) {
      return coreSort(r);
    }
    return Sort.fromComponentCode(code)
        .orElseThrow(() -> r.errorAt(start, "unknown sort " + hex(code)));
  }

  /** {@code core:sort}. */
  static Sort coreSort(ByteReader r) {
    int start = r.position();
    int code = r.u8();
    return Sort.fromCoreCode(code)
        .orElseThrow(() -> r.errorAt(start, "unknown core sort " + hex(code)));
  }

  /** {@code sortidx}. */
  static SortIndex sortIndex(ByteReader r) {
    Sort sort = sort(r);
    return new SortIndex(sort, r.index());
  }

  /** {@code core:sortidx}. */
  static SortIndex coreSortIndex(ByteReader r) {
    Sort sort = coreSort(r);
    return new SortIndex(sort, r.index());
  }

  /**
   * {@code nameattributes}: encodings {@code 0x00} and {@code 0x01} are the same plain name (the
   * latter emitted by 2023-2024 tools); {@code 0x02} adds a vector of attributes.
   */
  static ExternName externName(ByteReader r) {
    int start = r.position();
    int encoding = r.u8();
    return switch (encoding) {
      case 0x00, 0x01 -> ExternName.of(r.name());
      case 0x02 -> new ExternName(r.name(), r.vec(ExternReader::attribute));
      default -> throw r.errorAt(start, "unknown import/export name encoding " + hex(encoding));
    };
  }

  private static ExternName.Attribute attribute(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new ExternName.Implements(r.name());
      case 0x01 -> new ExternName.VersionSuffix(r.name());
      case 0x02 -> new ExternName.ExternalId(r.name());
      default -> throw r.errorAt(start, "unknown name attribute " + hex(kind));
    };
  }

  /** {@code externtype}. */
  static ExternDesc externDesc(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> {
        r.expect(0x11, "core extern type must be a core module");
        yield new ExternDesc.CoreModule(r.index());
      }
      case 0x01 -> new ExternDesc.Func(r.index());
      case 0x02 -> new ExternDesc.Value(valueBound(r));
      case 0x03 -> new ExternDesc.Type(typeBound(r));
      case 0x04 -> new ExternDesc.Component(r.index());
      case 0x05 -> new ExternDesc.Instance(r.index());
      default -> throw r.errorAt(start, "unknown extern type " + hex(kind));
    };
  }

  private static ExternDesc.TypeBound typeBound(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new ExternDesc.Eq(r.index());
      case 0x01 -> new ExternDesc.SubResource();
      default -> throw r.errorAt(start, "unknown type bound " + hex(kind));
    };
  }

  private static ExternDesc.ValueBound valueBound(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new ExternDesc.ValueEq(r.index());
      case 0x01 -> new ExternDesc.ValueOfType(TypeReader.valType(r));
      default -> throw r.errorAt(start, "unknown value bound " + hex(kind));
    };
  }

  /** {@code alias}: export of an instance, export of a core instance, or outer. */
  static Alias alias(ByteReader r) {
    int start = r.position();
    Sort sort = sort(r);
    int targetStart = r.position();
    int kind = r.u8();
    Alias.Target target =
        switch (kind) {
          case 0x00 -> new Alias.InstanceExport(r.index(), r.name());
          case 0x01 -> {
            if (!sort.isCore()) {
              throw r.errorAt(start, "core export alias of non-core sort " + sort);
            }
            yield new Alias.CoreInstanceExport(r.index(), r.name());
          }
          case 0x02 -> {
            if (!OUTER_ALIAS_SORTS.contains(sort)) {
              throw r.errorAt(start, "outer alias of sort " + sort + " is not allowed");
            }
            yield new Alias.Outer(r.index(), r.index());
          }
          default -> throw r.errorAt(targetStart, "unknown alias target " + hex(kind));
        };
    return new Alias(sort, target);
  }
}
