package dev.trellis.host.engine.abi;

import static dev.trellis.host.engine.abi.FlatType.F32;
import static dev.trellis.host.engine.abi.FlatType.F64;
import static dev.trellis.host.engine.abi.FlatType.I32;
import static dev.trellis.host.engine.abi.FlatType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.CoreSignature.Direction;
import dev.trellis.host.engine.abi.FunctionSignature.Param;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.BorrowType;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitType.ResultType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlatteningTest {

  private static List<FlatType> flat(WitType t) {
    return Flattening.flatten(t);
  }

  private static WitType variant(WitType a, WitType b) {
    return WitType.variant("v", WitType.variantCase("a", a), WitType.variantCase("b", b));
  }

  static FunctionSignature sig(int params, WitType type, Optional<WitType> result) {
    List<Param> ps = new ArrayList<>();
    for (int i = 0; i < params; i++) {
      ps.add(new Param("p" + i, type));
    }
    return FunctionSignature.of("f", ps, result);
  }

  @Test
  void primitivesFlattenToOneCoreValue() {
    assertEquals(List.of(I32), flat(Primitive.BOOL));
    assertEquals(List.of(I32), flat(Primitive.S8));
    assertEquals(List.of(I32), flat(Primitive.U32));
    assertEquals(List.of(I32), flat(Primitive.CHAR));
    assertEquals(List.of(I64), flat(Primitive.S64));
    assertEquals(List.of(F32), flat(Primitive.F32));
    assertEquals(List.of(F64), flat(Primitive.F64));
    assertEquals(List.of(I32, I32), flat(Primitive.STRING));
    assertEquals(List.of(I32, I32), flat(WitType.list(Primitive.F64)));
    assertEquals(List.of(I32), flat(WitType.flags("f", "a", "b")));
    assertEquals(List.of(I32), flat(new BorrowType(new ResourceType("r"))));
  }

  @Test
  void recordsConcatenateAndFixedListsRepeat() {
    assertEquals(
        List.of(I32, I64, I32, I32, F32),
        flat(WitType.tuple(Primitive.U8, Primitive.U64, Primitive.STRING, Primitive.F32)));
    assertEquals(List.of(F64, F64, F64), flat(new FixedListType(Primitive.F64, 3)));
  }

  @Test
  void variantSlotsJoinPerPosition() {
    assertEquals(List.of(I32, I32), flat(variant(Primitive.U32, Primitive.F32)));
    assertEquals(List.of(I32, F32), flat(variant(Primitive.F32, Primitive.F32)));
    assertEquals(List.of(I32, I64), flat(variant(Primitive.F64, Primitive.F32)));
    assertEquals(List.of(I32, I64), flat(variant(Primitive.F64, Primitive.U32)));
    assertEquals(List.of(I32, I64, I32), flat(variant(Primitive.U64, Primitive.STRING)));
    assertEquals(
        List.of(I32, I64, F32),
        flat(variant(WitType.tuple(Primitive.F32, Primitive.F32), WitType.tuple(Primitive.F64))));
    assertEquals(List.of(I32, F32), flat(WitType.option(Primitive.F32)));
    assertEquals(
        List.of(I32, I32, I32),
        flat(new ResultType(Optional.empty(), Optional.of(Primitive.STRING))));
    assertEquals(List.of(I32), flat(new ResultType(Optional.empty(), Optional.empty())));
    assertEquals(List.of(I32), flat(WitType.enumType("e", "x", "y")));
  }

  @Test
  void sixteenFlatParamsStayFlatSeventeenSpill() {
    CoreSignature sixteen = sig(16, Primitive.U32, Optional.empty()).coreSignature(Direction.LIFT);
    assertEquals(16, sixteen.params().size());
    CoreSignature seventeen =
        sig(17, Primitive.U32, Optional.empty()).coreSignature(Direction.LIFT);
    assertEquals(List.of(I32), seventeen.params());
    CoreSignature strings =
        sig(8, Primitive.STRING, Optional.empty()).coreSignature(Direction.LOWER);
    assertEquals(16, strings.params().size());
    List<Param> ps = new ArrayList<>(sig(8, Primitive.STRING, Optional.empty()).params());
    ps.add(new Param("extra", Primitive.BOOL));
    assertEquals(
        List.of(I32),
        FunctionSignature.of("f", ps, Optional.empty()).coreSignature(Direction.LOWER).params());
  }

  @Test
  void multiValueResultsUseReturnPointerOrOutPointer() {
    FunctionSignature s = sig(1, Primitive.STRING, Optional.of(Primitive.STRING));
    assertEquals(
        new CoreSignature(List.of(I32, I32), List.of(I32)), s.coreSignature(Direction.LIFT));
    assertEquals(
        new CoreSignature(List.of(I32, I32, I32), List.of()), s.coreSignature(Direction.LOWER));
    FunctionSignature spilledBoth = sig(17, Primitive.U8, Optional.of(Primitive.STRING));
    assertEquals(
        new CoreSignature(List.of(I32, I32), List.of()),
        spilledBoth.coreSignature(Direction.LOWER));
    FunctionSignature single = sig(0, Primitive.U8, Optional.of(Primitive.U64));
    assertEquals(new CoreSignature(List.of(), List.of(I64)), single.coreSignature(Direction.LOWER));
  }

  @Test
  void coreSignatureConvertsToChicory() {
    FunctionType ft =
        sig(2, Primitive.F64, Optional.of(Primitive.F32))
            .coreSignature(Direction.LIFT)
            .toFunctionType();
    assertEquals(FunctionType.of(List.of(ValType.F64, ValType.F64), List.of(ValType.F32)), ft);
  }

  @Test
  void syncAbiRejectsBorrowResultsAndAsyncTypes() {
    ResourceType r = new ResourceType("r");
    var borrow =
        assertThrows(
            HostException.class,
            () ->
                sig(0, Primitive.U8, Optional.of(WitType.option(new BorrowType(r))))
                    .coreSignature(Direction.LIFT));
    assertEquals(
        "function \"f\" cannot use the synchronous canonical ABI: borrow in a result (borrow<r>)",
        borrow.getMessage());
    assertThrows(
        HostException.class,
        () ->
            sig(1, new FutureType(Optional.empty()), Optional.empty())
                .coreSignature(Direction.LIFT));
  }
}
