package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.Bin.externName;
import static dev.trellis.host.engine.binary.Bin.of;
import static dev.trellis.host.engine.binary.Bin.str;
import static dev.trellis.host.engine.binary.Bin.vec;
import static dev.trellis.host.engine.binary.Decode.itemError;
import static dev.trellis.host.engine.binary.Decode.type;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.host.engine.binary.DefType.ComponentType;
import dev.trellis.host.engine.binary.DefType.FuncType;
import dev.trellis.host.engine.binary.DefType.InstanceType;
import dev.trellis.host.engine.binary.DefType.ResourceType;
import dev.trellis.host.engine.binary.DefValType.Case;
import dev.trellis.host.engine.binary.DefValType.LabeledType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Section 7: every defvaltype, function, component, instance and resource type form. */
class TypeSectionTest {
  private static final int TYPE = 7;

  private static ValType idx(int index) {
    return new ValType.Indexed(index);
  }

  @ParameterizedTest
  @EnumSource(PrimitiveType.class)
  void decodesEveryPrimitive(PrimitiveType primitive) {
    assertEquals(primitive, type(of(primitive.code())));
    assertEquals(new DefValType.ListType(primitive), type(of(0x70, primitive.code())));
  }

  @Test
  void decodesRecord() {
    assertEquals(
        new DefValType.RecordType(
            List.of(new LabeledType("x", PrimitiveType.S32), new LabeledType("label", idx(3)))),
        type(of(0x72).append(vec(str("x").u8(0x7a), str("label").u8(0x03)))));
  }

  @Test
  void decodesVariantWithAndWithoutPayloads() {
    assertEquals(
        new DefValType.VariantType(
            List.of(
                new Case("circle", Optional.of(PrimitiveType.F64)),
                new Case("none", Optional.empty()))),
        type(of(0x71).append(vec(str("circle").u8(0x01, 0x75, 0x00), str("none").u8(0x00, 0x00)))));
  }

  @Test
  void decodesListsTuplesFlagsEnumsOptionsResults() {
    assertEquals(new DefValType.FixedListType(PrimitiveType.U8, 16), type(of(0x67, 0x7d, 0x10)));
    assertEquals(
        new DefValType.TupleType(List.of(PrimitiveType.U8, idx(70))),
        type(of(0x6f).append(vec(of(0x7d), new Bin().s33(70)))));
    assertEquals(
        new DefValType.FlagsType(List.of("read", "write")),
        type(of(0x6e).append(vec(str("read"), str("write")))));
    assertEquals(
        new DefValType.EnumType(List.of("red", "green")),
        type(of(0x6d).append(vec(str("red"), str("green")))));
    assertEquals(new DefValType.OptionType(idx(1)), type(of(0x6b, 0x01)));
    assertEquals(
        new DefValType.ResultType(Optional.of(PrimitiveType.STRING), Optional.of(idx(2))),
        type(of(0x6a, 0x01, 0x73, 0x01, 0x02)));
    assertEquals(
        new DefValType.ResultType(Optional.empty(), Optional.empty()), type(of(0x6a, 0x00, 0x00)));
  }

  @Test
  void decodesHandlesAsyncTypesAndMaps() {
    assertEquals(new DefValType.OwnType(5), type(of(0x69, 0x05)));
    assertEquals(new DefValType.BorrowType(200), type(of(0x68).u32(200)));
    assertEquals(
        new DefValType.StreamType(Optional.of(PrimitiveType.U8)), type(of(0x66, 0x01, 0x7d)));
    assertEquals(new DefValType.FutureType(Optional.empty()), type(of(0x65, 0x00)));
    assertEquals(new DefValType.MapType(PrimitiveType.STRING, idx(0)), type(of(0x63, 0x73, 0x00)));
    assertEquals(PrimitiveType.ERROR_CONTEXT, type(of(0x64)));
  }

  @Test
  void valtypeIndicesAreS33() {
    // index 64 needs two bytes in s33 (0xc0 0x00); a single 0x40 byte would be -64
    assertEquals(new DefValType.ListType(idx(64)), type(of(0x70, 0xc0, 0x00)));
    itemError(TYPE, of(0x70, 0x40), "unknown value type 0x40");
  }

  @Test
  void decodesSyncAndAsyncFuncTypes() {
    assertEquals(
        new FuncType(
            false, List.of(new LabeledType("name", PrimitiveType.STRING)), Optional.of(idx(6))),
        type(of(0x40).append(vec(str("name").u8(0x73))).u8(0x00, 0x06)));
    assertEquals(new FuncType(true, List.of(), Optional.empty()), type(of(0x43, 0x00, 0x01, 0x00)));
  }

  @Test
  void rejectsNamedResults() {
    itemError(TYPE, of(0x40, 0x00, 0x01).append(vec(str("r").u8(0x79))), "named function results");
    itemError(TYPE, of(0x40, 0x00, 0x02), "unknown function result list 0x02");
  }

  @Test
  void decodesResourceTypes() {
    assertEquals(new ResourceType(OptionalInt.empty()), type(of(0x3f, 0x7f, 0x00)));
    assertEquals(new ResourceType(OptionalInt.of(3)), type(of(0x3f, 0x7f, 0x01, 0x03)));
    itemError(TYPE, of(0x3f, 0x7e, 0x00), "resource representation must be i32");
  }

  @Test
  void decodesInstanceTypeWithEveryDeclarator() {
    Bin instanceType =
        of(0x42)
            .append(
                vec(
                    of(0x00, 0x60, 0x01, 0x7f, 0x00), // core type: (func (param i32))
                    of(0x02, 0x03, 0x02, 0x01, 0x04), // alias outer 1 4 (type)
                    of(0x04).append(externName("r")).u8(0x03, 0x01), // export "r" (sub resource)
                    of(0x01, 0x69, 0x01), // type (own 1)
                    of(0x01, 0x40, 0x00, 0x00, 0x02), // type (func (result 2))
                    of(0x04).append(externName("make")).u8(0x01, 0x03)));
    InstanceType decoded = (InstanceType) type(instanceType);
    assertEquals(
        List.of(
            new InstanceTypeDecl.CoreTypeDecl(
                new CoreType.CoreFuncType(List.of(CoreValType.NumType.I32), List.of())),
            new Alias(Sort.TYPE, new Alias.Outer(1, 4)),
            new InstanceTypeDecl.ExportDecl(
                ExternName.of("r"), new ExternDesc.Type(new ExternDesc.SubResource())),
            new InstanceTypeDecl.TypeDecl(new DefValType.OwnType(1)),
            new InstanceTypeDecl.TypeDecl(new FuncType(false, List.of(), Optional.of(idx(2)))),
            new InstanceTypeDecl.ExportDecl(ExternName.of("make"), new ExternDesc.Func(3))),
        decoded.decls());
  }

  @Test
  void decodesComponentTypeWithImports() {
    Bin componentType =
        of(0x41)
            .append(
                vec(
                    of(0x01, 0x40, 0x01).append(str("a")).u8(0x79, 0x01, 0x00),
                    of(0x03).append(externName("x")).u8(0x01, 0x00),
                    of(0x03).append(externName("t")).u8(0x03, 0x00, 0x00),
                    of(0x04).append(externName("y")).u8(0x05, 0x00)));
    ComponentType decoded = (ComponentType) type(componentType);
    assertEquals(4, decoded.decls().size());
    assertEquals(new Import(ExternName.of("x"), new ExternDesc.Func(0)), decoded.decls().get(1));
    assertEquals(
        new Import(ExternName.of("t"), new ExternDesc.Type(new ExternDesc.Eq(0))),
        decoded.decls().get(2));
  }

  @Test
  void rejectsImportDeclaratorInInstanceType() {
    itemError(
        TYPE,
        of(0x42).append(vec(of(0x03).append(externName("x")).u8(0x01, 0x00))),
        "unknown type declarator 0x03");
  }

  @Test
  void rejectsMalformedValueTypes() {
    itemError(TYPE, of(0x72, 0x00), "record type must not be empty");
    itemError(TYPE, of(0x71, 0x00), "variant type must not be empty");
    itemError(TYPE, of(0x6f, 0x00), "tuple type must not be empty");
    itemError(TYPE, of(0x6e, 0x00), "flags type must not be empty");
    itemError(TYPE, of(0x6d, 0x00), "enum type must not be empty");
    itemError(TYPE, of(0x67, 0x7d, 0x00), "fixed-length list of length 0");
    itemError(TYPE, of(0x71).append(vec(str("a").u8(0x00, 0x01, 0x00))), "refinement");
    itemError(TYPE, of(0x6a, 0x02), "invalid optional marker 0x02");
    itemError(TYPE, of(0x5f), "unknown defvaltype opcode 0x5f");
  }

  @Test
  void rejectsLabelsThatAreNotKebabCase() {
    itemError(
        TYPE,
        of(0x71).append(vec(str("bad\u001acase").u8(0x00, 0x00))),
        "variant case 'bad\\u{1a}case' is not a kebab-case label");
    itemError(
        TYPE,
        of(0x72).append(vec(str("Mixed-Case").u8(0x7a))),
        "field or parameter name 'Mixed-Case'");
    itemError(TYPE, of(0x6d).append(vec(str("trailing-"))), "enum case 'trailing-'");
    itemError(TYPE, of(0x6e).append(vec(str("1st"))), "flag '1st'");
    assertEquals(
        List.of("HTTP-request-URI-too-long", "a-1b"),
        ((DefValType.EnumType)
                type(of(0x6d).append(vec(str("HTTP-request-URI-too-long"), str("a-1b")))))
            .labels());
  }

  @Test
  void limitsFlagsTo32Labels() {
    Bin[] labels = new Bin[33];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = str("f" + i);
    }
    itemError(TYPE, of(0x6e).append(vec(labels)), "flags type has 33 labels, at most 32 allowed");
    Bin[] ok = java.util.Arrays.copyOf(labels, 32);
    assertEquals(32, ((DefValType.FlagsType) type(of(0x6e).append(vec(ok)))).labels().size());
  }

  @Test
  void boundsTypeNestingDepth() {
    // 150 instance types, each declaring the next as its only type declarator
    Bin nested = of(0x42, 0x00);
    for (int i = 0; i < 150; i++) {
      nested = of(0x42, 0x01, 0x01).append(nested);
    }
    itemError(TYPE, nested, "nesting deeper than 100 levels");
  }
}
