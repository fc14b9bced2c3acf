package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.Bin.component;
import static dev.trellis.host.engine.binary.Bin.of;
import static dev.trellis.host.engine.binary.Bin.section;
import static dev.trellis.host.engine.binary.Bin.str;
import static dev.trellis.host.engine.binary.Bin.vec;
import static dev.trellis.host.engine.binary.Decode.itemError;
import static dev.trellis.host.engine.binary.Decode.single;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.host.engine.binary.CoreExternType.Limits;
import dev.trellis.host.engine.binary.CoreValType.AbstractHeapType;
import dev.trellis.host.engine.binary.CoreValType.NumType;
import dev.trellis.host.engine.binary.CoreValType.RefType;
import dev.trellis.host.engine.binary.ModuleDecl.ModuleExport;
import dev.trellis.host.engine.binary.ModuleDecl.ModuleImport;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Sections 1 (core module), 2 (core instance) and 3 (core type). */
class CoreSectionsTest {

  private static CoreType coreType(Bin type) {
    return ((Definition.CoreTypeDef) single(3, type)).type();
  }

  private static CoreExternType importType(Bin externType) {
    Bin moduleType =
        of(0x50).append(vec(of(0x00).append(str("m")).append(str("n")).append(externType)));
    var decls = ((CoreType.ModuleType) coreType(moduleType)).decls();
    return ((ModuleImport) decls.get(0)).type();
  }

  @Test
  void keepsCoreModuleBytesAndOffset() {
    byte[] module = Bin.of().raw(Bin.EMPTY_CORE_MODULE).u8(0x00, 0x03, 0x01, 0x61, 0x62).build();
    byte[] bytes = component(section(1, Bin.of().raw(module)));
    var definition = (Definition.CoreModule) ComponentDecoder.decode(bytes).definitions().get(0);
    assertEquals(10, definition.offset());
    assertArrayEquals(module, definition.bytes().toArray());
    byte[] atOffset =
        java.util.Arrays.copyOfRange(
            bytes, definition.offset(), definition.offset() + module.length);
    assertArrayEquals(module, atOffset);
  }

  @Test
  void rejectsCoreModuleSectionWithoutModule() {
    var e = Decode.error(component(section(1, Bin.of().raw(Bin.PREAMBLE))));
    assertEquals(
        "section 1 (core module) at offset 0xe: core module section does not hold a version 1 core module",
        e.getMessage());
    Decode.error(component(section(1, of(1, 2, 3, 4, 5, 6, 7, 8))));
    Decode.error(component(section(1, of(0, 0x61))));
  }

  @Test
  void decodesCoreInstantiate() {
    var definition =
        single(
            2, of(0x00, 0x01).append(vec(str("env").u8(0x12, 0x00), str("wasi").u8(0x12, 0x02))));
    assertEquals(
        new Definition.CoreInstantiate(
            1,
            List.of(
                new Definition.CoreInstantiateArg("env", 0),
                new Definition.CoreInstantiateArg("wasi", 2))),
        definition);
    assertEquals(Sort.CORE_INSTANCE, definition.space());
  }

  @Test
  void decodesCoreInlineInstance() {
    var definition =
        single(
            2,
            of(0x01)
                .append(
                    vec(
                        str("memory").u8(0x02, 0x00),
                        str("f").u8(0x00, 0x05),
                        str("t").u8(0x01, 0x01))));
    assertEquals(
        new Definition.CoreInlineInstance(
            List.of(
                new Definition.CoreInlineExport("memory", new SortIndex(Sort.CORE_MEMORY, 0)),
                new Definition.CoreInlineExport("f", new SortIndex(Sort.CORE_FUNC, 5)),
                new Definition.CoreInlineExport("t", new SortIndex(Sort.CORE_TABLE, 1)))),
        definition);
  }

  @Test
  void rejectsMalformedCoreInstances() {
    itemError(2, of(0x00, 0x00).append(vec(str("env").u8(0x11, 0x00))), "sort must be instance");
    itemError(2, of(0x01).append(vec(str("x").u8(0x05, 0x00))), "unknown core sort 0x05");
    itemError(2, of(0x02), "unknown core instance kind 0x02");
  }

  @Test
  void decodesCoreFuncType() {
    assertEquals(
        new CoreType.CoreFuncType(
            List.of(
                NumType.I32, NumType.F32, NumType.V128, new RefType(true, AbstractHeapType.FUNC)),
            List.of(NumType.I64, new RefType(false, new CoreValType.ConcreteHeapType(3)))),
        coreType(of(0x60, 0x04, 0x7f, 0x7d, 0x7b, 0x70, 0x02, 0x7e, 0x64, 0x03)));
  }

  @Test
  void decodesModuleTypeDeclarators() {
    Bin moduleType =
        of(0x50)
            .append(
                vec(
                    of(0x01, 0x60, 0x00, 0x00),
                    of(0x02, 0x10, 0x01, 0x01, 0x00),
                    of(0x00).append(str("env")).append(str("f")).u8(0x00, 0x00),
                    of(0x03).append(str("g")).u8(0x03, 0x7e, 0x01)));
    assertEquals(
        new CoreType.ModuleType(
            List.of(
                new ModuleDecl.ModuleTypeDecl(new CoreType.CoreFuncType(List.of(), List.of())),
                new ModuleDecl.ModuleOuterAlias(1, 0),
                new ModuleImport("env", "f", new CoreExternType.Func(0)),
                new ModuleExport("g", new CoreExternType.Global(NumType.I64, true, false)))),
        coreType(moduleType));
  }

  @Test
  void decodesTableMemoryGlobalAndTagTypes() {
    assertEquals(
        new CoreExternType.Table(
            new RefType(true, AbstractHeapType.FUNC),
            new Limits(1, OptionalLong.of(10), false, false)),
        importType(of(0x01, 0x70, 0x01, 0x01, 0x0a)));
    assertEquals(
        new CoreExternType.Table(
            new RefType(true, AbstractHeapType.EXTERN),
            new Limits(0, OptionalLong.empty(), false, true)),
        importType(of(0x01, 0x63, 0x6f, 0x04, 0x00)));
    assertEquals(
        new CoreExternType.Memory(
            new Limits(1, OptionalLong.empty(), false, false), OptionalInt.empty()),
        importType(of(0x02, 0x00, 0x01)));
    assertEquals(
        new CoreExternType.Memory(
            new Limits(2, OptionalLong.of(4), true, false), OptionalInt.empty()),
        importType(of(0x02, 0x03, 0x02, 0x04)));
    assertEquals(
        new CoreExternType.Memory(
            new Limits(1L << 40, OptionalLong.empty(), false, true), OptionalInt.of(0)),
        importType(of(0x02, 0x0c).u32(1L << 40).u8(0x00)));
    assertEquals(
        new CoreExternType.Global(NumType.F64, false, false), importType(of(0x03, 0x7c, 0x00)));
    assertEquals(new CoreExternType.Tag(2), importType(of(0x04, 0x00, 0x02)));
  }

  @Test
  void rejectsMalformedCoreTypes() {
    itemError(3, of(0x5f), "GC core type 0x5f is not supported");
    itemError(3, of(0x00, 0x50), "GC core type 0x00 is not supported");
    itemError(3, of(0x61), "unknown core type opcode 0x61");
    itemError(3, of(0x60, 0x01, 0x40, 0x00), "unknown core value type 0x40");
    itemError(
        3, of(0x50).append(vec(of(0x02, 0x00, 0x01, 0x00, 0x00))), "core alias sort must be type");
    itemError(3, of(0x50).append(vec(of(0x07))), "unknown module type declarator 0x07");
    Bin badImport =
        of(0x50).append(vec(of(0x00).append(str("m")).append(str("n")).u8(0x01, 0x7f, 0x00, 0x01)));
    itemError(3, badImport, "table element type must be a reference type");
    Bin badLimits =
        of(0x50).append(vec(of(0x00).append(str("m")).append(str("n")).u8(0x01, 0x70, 0x08, 0x01)));
    itemError(3, badLimits, "unknown limits flags 0x08");
    Bin badGlobal =
        of(0x50).append(vec(of(0x00).append(str("m")).append(str("n")).u8(0x03, 0x7f, 0x04)));
    itemError(3, badGlobal, "unknown global mutability 0x04");
  }

  @Test
  void boundsModuleTypeNesting() {
    Bin nested = of(0x50, 0x00);
    for (int i = 0; i < 120; i++) {
      nested = of(0x50, 0x01, 0x01).append(nested);
    }
    itemError(3, nested, "nesting deeper than 100 levels");
  }
}
