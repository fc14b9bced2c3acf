package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.Bin.externName;
import static dev.trellis.host.engine.binary.Bin.of;
import static dev.trellis.host.engine.binary.Bin.str;
import static dev.trellis.host.engine.binary.Bin.vec;
import static dev.trellis.host.engine.binary.Decode.itemError;
import static dev.trellis.host.engine.binary.Decode.single;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.host.engine.binary.CanonOptions.StringEncoding;
import dev.trellis.host.engine.binary.Definition.Export;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Sections 5 (instance), 6 (alias), 8 (canon), 10 (import) and 11 (export). */
class DefinitionSectionsTest {

  @Test
  void decodesInstantiateAndInlineInstance() {
    assertEquals(
        new Definition.Instantiate(
            0,
            List.of(
                new Definition.InstantiateArg("import-func-run", new SortIndex(Sort.FUNC, 3)),
                new Definition.InstantiateArg("m", new SortIndex(Sort.CORE_MODULE, 1)))),
        single(
            5,
            of(0x00, 0x00)
                .append(
                    vec(str("import-func-run").u8(0x01, 0x03), str("m").u8(0x00, 0x11, 0x01)))));
    assertEquals(
        new Definition.InlineInstance(
            List.of(
                new Definition.InlineExport(ExternName.of("run"), new SortIndex(Sort.FUNC, 2)))),
        single(5, of(0x01).append(vec(externName("run").u8(0x01, 0x02)))));
    itemError(5, of(0x02), "unknown instance kind 0x02");
    itemError(5, of(0x01).append(vec(externName("x").u8(0x06, 0x00))), "unknown sort 0x06");
  }

  @Test
  void decodesAllAliasTargets() {
    assertEquals(
        new Alias(Sort.TYPE, new Alias.InstanceExport(2, "output-stream")),
        single(6, of(0x03, 0x00, 0x02).append(str("output-stream"))));
    assertEquals(
        new Alias(Sort.CORE_MEMORY, new Alias.CoreInstanceExport(0, "memory")),
        single(6, of(0x00, 0x02, 0x01, 0x00).append(str("memory"))));
    assertEquals(
        new Alias(Sort.COMPONENT, new Alias.Outer(1, 0)), single(6, of(0x04, 0x02, 0x01, 0x00)));
    assertEquals(
        Sort.CORE_MEMORY, single(6, of(0x00, 0x02, 0x01, 0x00).append(str("memory"))).space());
  }

  @Test
  void rejectsInvalidAliases() {
    itemError(6, of(0x01, 0x01, 0x00).append(str("f")), "core export alias of non-core sort func");
    itemError(6, of(0x01, 0x02, 0x01, 0x00), "outer alias of sort func is not allowed");
    itemError(6, of(0x01, 0x03, 0x00), "unknown alias target 0x03");
  }

  @Test
  void decodesLiftWithOptions() {
    var lift =
        (Definition.Canon)
            single(
                8,
                of(0x00, 0x00, 0x07)
                    .append(vec(of(0x00), of(0x03, 0x00), of(0x04, 0x09), of(0x05, 0x0a)))
                    .u8(0x0c));
    assertEquals(
        new CanonFunction.Lift(
            7,
            new CanonOptions(
                StringEncoding.UTF8,
                OptionalInt.of(0),
                OptionalInt.of(9),
                OptionalInt.of(10),
                false,
                OptionalInt.empty()),
            12),
        lift.function());
    assertEquals(Sort.FUNC, lift.space());
  }

  @Test
  void decodesLowerAndResourceBuiltins() {
    var lower =
        (Definition.Canon) single(8, of(0x01, 0x00, 0x02).append(vec(of(0x01), of(0x03, 0x00))));
    assertEquals(
        new CanonFunction.Lower(
            2,
            new CanonOptions(
                StringEncoding.UTF16,
                OptionalInt.of(0),
                OptionalInt.empty(),
                OptionalInt.empty(),
                false,
                OptionalInt.empty())),
        lower.function());
    assertEquals(Sort.CORE_FUNC, lower.space());
    assertEquals(new Definition.Canon(new CanonFunction.ResourceNew(4)), single(8, of(0x02, 0x04)));
    assertEquals(
        new Definition.Canon(new CanonFunction.ResourceDrop(4)), single(8, of(0x03, 0x04)));
    assertEquals(new Definition.Canon(new CanonFunction.ResourceRep(4)), single(8, of(0x04, 0x04)));
  }

  @Test
  void decodesAsyncOptions() {
    var lift =
        (Definition.Canon)
            single(
                8, of(0x00, 0x00, 0x01).append(vec(of(0x02), of(0x06), of(0x07, 0x03))).u8(0x00));
    CanonOptions options = ((CanonFunction.Lift) lift.function()).options();
    assertEquals(StringEncoding.LATIN1_UTF16, options.stringEncoding());
    assertEquals(true, options.async());
    assertEquals(OptionalInt.of(3), options.callback());
  }

  @Test
  void rejectsUnsupportedOrMalformedCanons() {
    itemError(8, of(0x09, 0x01, 0x00, 0x00), "unsupported canon 0x09");
    itemError(8, of(0x40, 0x00, 0x00), "unsupported canon 0x40");
    itemError(
        8, of(0x00, 0x01, 0x00, 0x00, 0x00), "canon lift core sort: expected 0x00, found 0x01");
    itemError(
        8,
        of(0x01, 0x00, 0x00).append(vec(of(0x03, 0x00), of(0x03, 0x01))),
        "duplicate canon option memory");
    itemError(
        8, of(0x01, 0x00, 0x00).append(vec(of(0x00), of(0x01))), "more than one string-encoding");
    itemError(
        8, of(0x01, 0x00, 0x00).append(vec(of(0x06), of(0x06))), "duplicate canon option async");
    itemError(8, of(0x01, 0x00, 0x00).append(vec(of(0x08))), "unknown canon option 0x08");
  }

  @Test
  void decodesImportsOfEverySort() {
    assertEquals(
        new Import(ExternName.of("wasi:io/streams@0.2.0"), new ExternDesc.Instance(3)),
        single(10, externName("wasi:io/streams@0.2.0").u8(0x05, 0x03)));
    assertEquals(Sort.CORE_MODULE, single(10, externName("m").u8(0x00, 0x11, 0x00)).space());
    assertEquals(Sort.FUNC, single(10, externName("f").u8(0x01, 0x00)).space());
    assertEquals(
        new ExternDesc.Value(new ExternDesc.ValueOfType(PrimitiveType.U8)),
        ((Import) single(10, externName("v").u8(0x02, 0x01, 0x7d))).desc());
    assertEquals(
        new ExternDesc.Value(new ExternDesc.ValueEq(1)),
        ((Import) single(10, externName("v").u8(0x02, 0x00, 0x01))).desc());
    assertEquals(Sort.TYPE, single(10, externName("t").u8(0x03, 0x01)).space());
    assertEquals(Sort.COMPONENT, single(10, externName("c").u8(0x04, 0x00)).space());
    itemError(10, externName("m").u8(0x00, 0x10, 0x00), "core extern type must be a core module");
    itemError(10, externName("t").u8(0x03, 0x02), "unknown type bound 0x02");
    itemError(10, externName("t").u8(0x06, 0x00), "unknown extern type 0x06");
  }

  @Test
  void acceptsNameEncodingsZeroAndOneAlike() {
    Definition zero = single(10, of(0x00).append(str("wasi:cli/run@0.2.0")).u8(0x05, 0x00));
    Definition one = single(10, of(0x01).append(str("wasi:cli/run@0.2.0")).u8(0x05, 0x00));
    assertEquals(zero, one);
  }

  @Test
  void decodesNameAttributes() {
    Bin name =
        of(0x02)
            .append(str("store"))
            .append(
                vec(
                    of(0x00).append(str("wasi:keyvalue/store@0.2.0")),
                    of(0x01).append(str("-rc.1")),
                    of(0x02).append(str("id-7"))));
    var imported = (Import) single(10, name.u8(0x05, 0x00));
    assertEquals(
        new ExternName(
            "store",
            List.of(
                new ExternName.Implements("wasi:keyvalue/store@0.2.0"),
                new ExternName.VersionSuffix("-rc.1"),
                new ExternName.ExternalId("id-7"))),
        imported.name());
    itemError(
        10,
        of(0x02).append(str("x")).append(vec(of(0x03).append(str("y")))).u8(0x05, 0x00),
        "unknown name attribute 0x03");
    itemError(
        10, of(0x03).append(str("x")).u8(0x05, 0x00), "unknown import/export name encoding 0x03");
  }

  @Test
  void decodesExportsWithAndWithoutAscription() {
    assertEquals(
        new Export(ExternName.of("run"), new SortIndex(Sort.FUNC, 1), Optional.empty()),
        single(11, externName("run").u8(0x01, 0x01, 0x00)));
    Export ascribed =
        (Export) single(11, externName("wasi:cli/run@0.2.0").u8(0x05, 0x02, 0x01, 0x05, 0x04));
    assertEquals(Optional.of(new ExternDesc.Instance(4)), ascribed.ascribedType());
    assertEquals(Sort.INSTANCE, ascribed.space());
    assertEquals(Sort.CORE_MODULE, single(11, externName("m").u8(0x00, 0x11, 0x00, 0x00)).space());
    itemError(11, externName("run").u8(0x01, 0x01, 0x02), "invalid optional marker 0x02");
  }
}
