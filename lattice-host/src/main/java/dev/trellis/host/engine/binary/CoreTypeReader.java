package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.ByteReader.hex;

import dev.trellis.host.engine.binary.CoreExternType.Limits;
import dev.trellis.host.engine.binary.CoreValType.AbstractHeapType;
import dev.trellis.host.engine.binary.CoreValType.HeapType;
import dev.trellis.host.engine.binary.CoreValType.NumType;
import dev.trellis.host.engine.binary.CoreValType.RefType;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes component core types ({@code core:type}): core function types and core module types,
 * including the core import/export types and value types they mention. GC types (rec, sub, struct,
 * array) are rejected, as Chicory does not run them.
 */
final class CoreTypeReader {
  private static final int LIMITS_HAS_MAX = 0x01;
  private static final int LIMITS_SHARED = 0x02;
  private static final int LIMITS_64 = 0x04;
  private static final int LIMITS_PAGE_SIZE = 0x08;
  private static final int MAX_PAGE_SIZE_LOG2 = 64;

  private CoreTypeReader() {}

  /** {@code core:type}. */
  static CoreType coreType(ByteReader r) {
    int start = r.position();
    int opcode = r.u8();
    return switch (opcode) {
      case 0x60 ->
          new CoreType.CoreFuncType(r.vec(CoreTypeReader::valType), r.vec(CoreTypeReader::valType));
      case 0x50 -> moduleType(r);
      case 0x00, 0x4e, 0x4f, 0x5e, 0x5f ->
          throw r.errorAt(start, "GC core type " + hex(opcode) + " is not supported");
      default -> throw r.errorAt(start, "unknown core type opcode " + hex(opcode));
    };
  }

  private static CoreType.ModuleType moduleType(ByteReader r) {
    r.enter();
    var decls = r.vec(CoreTypeReader::moduleDecl);
    r.leave();
    return new CoreType.ModuleType(decls);
  }

  private static ModuleDecl moduleDecl(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new ModuleDecl.ModuleImport(r.name(), r.name(), externType(r));
      case 0x01 -> new ModuleDecl.ModuleTypeDecl(coreType(r));
      case 0x02 -> {
        r.expect(0x10, "core alias sort must be type");
        r.expect(0x01, "core alias target must be outer");
        yield new ModuleDecl.ModuleOuterAlias(r.index(), r.index());
      }
      case 0x03 -> new ModuleDecl.ModuleExport(r.name(), externType(r));
      default -> throw r.errorAt(start, "unknown module type declarator " + hex(kind));
    };
  }

  /** {@code core:externtype}. */
  static CoreExternType externType(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new CoreExternType.Func(r.index());
      case 0x01 -> {
        RefType element = refType(r);
        yield new CoreExternType.Table(element, limits(r, false));
      }
      case 0x02 -> memoryType(r);
      case 0x03 -> globalType(r);
      case 0x04 -> {
        r.expect(0x00, "tag attribute");
        yield new CoreExternType.Tag(r.index());
      }
      default -> throw r.errorAt(start, "unknown core extern type " + hex(kind));
    };
  }

  private static CoreExternType.Memory memoryType(ByteReader r) {
    int flags = r.peek();
    Limits limits = limits(r, true);
    if ((flags & LIMITS_PAGE_SIZE) == 0) {
      return new CoreExternType.Memory(limits, OptionalInt.empty());
    }
    int log2At = r.position();
    int log2 = r.index();
    if (log2 > MAX_PAGE_SIZE_LOG2) {
      throw r.errorAt(log2At, "page size 2^" + log2 + " is too large");
    }
    return new CoreExternType.Memory(limits, OptionalInt.of(log2));
  }

  private static CoreExternType.Global globalType(ByteReader r) {
    CoreValType type = valType(r);
    int start = r.position();
    int mutability = r.u8();
    if (mutability > 0x03) {
      throw r.errorAt(start, "unknown global mutability " + hex(mutability));
    }
    return new CoreExternType.Global(type, (mutability & 0x01) != 0, (mutability & 0x02) != 0);
  }

  private static Limits limits(ByteReader r, boolean memory) {
    int start = r.position();
    int flags = r.u8();
    int allowed = LIMITS_HAS_MAX | LIMITS_SHARED | LIMITS_64 | (memory ? LIMITS_PAGE_SIZE : 0);
    if ((flags & ~allowed) != 0) {
      throw r.errorAt(start, "unknown limits flags " + hex(flags));
    }
    boolean is64 = (flags & LIMITS_64) != 0;
    long min = is64 ? r.u64() : r.u32();
    OptionalLong max = OptionalLong.empty();
    if ((flags & LIMITS_HAS_MAX) != 0) {
      max = OptionalLong.of(is64 ? r.u64() : r.u32());
    }
    return new Limits(min, max, (flags & LIMITS_SHARED) != 0, is64);
  }

  /** {@code core:valtype}: numbers, v128 and reference types. */
  static CoreValType valType(ByteReader r) {
    int start = r.position();
    int code = r.u8();
    Optional<NumType> num = NumType.fromCode(code);
    if (num.isPresent()) {
      return num.get();
    }
    return switch (code) {
      case 0x63 -> new RefType(true, heapType(r));
      case 0x64 -> new RefType(false, heapType(r));
      default ->
          new RefType(
              true,
              AbstractHeapType.fromCode(code)
                  .orElseThrow(() -> r.errorAt(start, "unknown core value type " + hex(code))));
    };
  }

  private static RefType refType(ByteReader r) {
    int start = r.position();
    if (valType(r) instanceof RefType ref) {
      return ref;
    }
    throw r.errorAt(start, "table element type must be a reference type");
  }

  private static HeapType heapType(ByteReader r) {
    int start = r.position();
    int first = r.peek();
    Optional<AbstractHeapType> abstractType = AbstractHeapType.fromCode(first);
    if (abstractType.isPresent()) {
      r.u8();
      return abstractType.get();
    }
    if (first == 0x65) {
      throw r.errorAt(start, "shared heap types are not supported");
    }
    long index = r.s33();
    if (index < 0) {
      throw r.errorAt(start, "unknown heap type " + hex(first));
    }
    if (index > Integer.MAX_VALUE) {
      throw r.errorAt(start, "type index " + index + " is too large");
    }
    return new CoreValType.ConcreteHeapType((int) index);
  }
}
