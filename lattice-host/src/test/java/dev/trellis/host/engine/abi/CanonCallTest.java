package dev.trellis.host.engine.abi;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.FunctionSignature.Param;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.BorrowType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonCallTest {
  private final GuestMemory guest = new GuestMemory();
  private final ResourceRegistry registry = new ResourceRegistry();
  private final HandleTable table = new HandleTable(registry);
  private final ResourceType r = new ResourceType("r");
  private final List<long[]> postReturns = new ArrayList<>();

  private AbiOptions options() {
    return guest.options(StringEncoding.UTF8).withPostReturn(postReturns::add);
  }

  private static FunctionSignature sig(String name, Optional<WitType> result, WitType... params) {
    List<Param> ps = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      ps.add(new Param("p" + i, params[i]));
    }
    return FunctionSignature.of(name, ps, result);
  }

  private static WitType[] repeat(int n, WitType t) {
    WitType[] ts = new WitType[n];
    java.util.Arrays.fill(ts, t);
    return ts;
  }

  @Test
  void liftedCallPassesAStringInAndReadsAStringBackThroughTheReturnPointer() {
    CanonLift lift = new CanonLift(sig("greet", Optional.of(STRING), STRING), options(), table);
    List<WitValue> results =
        lift.call(
            args -> {
              assertEquals("world", guest.memory.readString((int) args[0], (int) args[1]));
              guest.memory.write(0x800, "hello world".getBytes(UTF_8));
              guest.memory.writeI32(0x900, 0x800);
              guest.memory.writeI32(0x904, 11);
              return new long[] {0x900};
            },
            List.of(WitValue.string("world")));
    assertEquals(List.of(WitValue.string("hello world")), results);
    assertEquals(List.of("realloc(0x0, 0, 1, 5) = 0x100"), guest.calls);
    assertEquals(1, postReturns.size());
    assertArrayEquals(new long[] {0x900}, postReturns.get(0));
  }

  @Test
  void sixteenFlatParamsArePassedDirectly() {
    CanonLift lift = new CanonLift(sig("f", Optional.of(U32), repeat(16, U32)), options(), table);
    List<WitValue> args = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      args.add(WitValue.u32(i + 1));
    }
    List<WitValue> results =
        lift.call(
            core -> {
              assertEquals(16, core.length);
              return new long[] {core[15] * 2};
            },
            args);
    assertEquals(List.of(WitValue.u32(32)), results);
    assertEquals(List.of(), guest.calls);
  }

  @Test
  void seventeenParamsSpillIntoATupleAllocatedWithRealloc() {
    CanonLift lift = new CanonLift(sig("f", Optional.empty(), repeat(17, U32)), options(), table);
    List<WitValue> args = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      args.add(WitValue.u32(i + 1));
    }
    long[] core = lift.lowerArguments(lift.newScope(), args);
    assertArrayEquals(new long[] {0x100}, core);
    assertEquals(List.of("realloc(0x0, 0, 4, 68) = 0x100"), guest.calls);
    assertEquals("01000000020000000300000004000000", guest.bytes(0x100, 16));
    assertEquals("11000000", guest.bytes(0x100 + 64, 4));
  }

  @Test
  void loweredCallReadsSpilledParamsAndWritesResultsThroughTheOutPointer() {
    CanonLower lower =
        new CanonLower(
            sig("f", Optional.of(STRING), repeat(17, U8)),
            guest.options(StringEncoding.UTF8),
            table);
    assertEquals(List.of(FlatType.I32, FlatType.I32), lower.coreSignature().params());
    assertEquals(List.of(), lower.coreSignature().results());
    guest.put(0x20, "0102030405060708090a0b0c0d0e0f1011");
    List<List<WitValue>> seen = new ArrayList<>();
    long[] core =
        lower.call(
            new long[] {0x20, 0x40},
            args -> {
              seen.add(args);
              return List.of(WitValue.string("ok"));
            });
    assertArrayEquals(new long[0], core);
    assertEquals(17, seen.get(0).size());
    assertEquals(WitValue.u8(17), seen.get(0).get(16));
    assertEquals(List.of("realloc(0x0, 0, 1, 2) = 0x100"), guest.calls);
    assertEquals("0001000002000000", guest.bytes(0x40, 8));
    assertEquals("6f6b", guest.bytes(0x100, 2));
  }

  @Test
  void guestPointersInCallsAreCheckedAndTrapsSayWhere() {
    CanonLower lower =
        new CanonLower(sig("f", Optional.of(STRING)), guest.options(StringEncoding.UTF8), table);
    var e =
        assertThrows(
            CanonicalAbiTrap.class,
            () -> lower.call(new long[] {0x41}, args -> List.of(WitValue.string("x"))));
    assertEquals(
        "lowering results of \"f\": unaligned pointer 0x41 for results tuple (alignment 4)",
        e.getMessage());
    assertEquals("unaligned pointer 0x41 for results tuple (alignment 4)", e.reason());
    CanonLower log =
        new CanonLower(
            FunctionSignature.of("log", List.of(new Param("msg", STRING)), Optional.empty()),
            guest.options(StringEncoding.UTF8),
            table);
    e =
        assertThrows(
            CanonicalAbiTrap.class, () -> log.call(new long[] {0xfffe, 5}, args -> List.of()));
    assertEquals(
        "lifting param \"msg\" of \"log\": string pointer 0xfffe with length 5 out of bounds"
            + " (memory is 65536 bytes)",
        e.getMessage());
  }

  @Test
  void invalidResultsFromTheGuestTrapWithTheResultNamed() {
    CanonLift lift = new CanonLift(sig("get", Optional.of(STRING)), options(), table);
    guest.put(0x200, "ff");
    guest.put(0x900, "0002000001000000");
    var e =
        assertThrows(
            CanonicalAbiTrap.class, () -> lift.call(args -> new long[] {0x900}, List.of()));
    assertEquals(
        "lifting result of \"get\": invalid utf-8 in string at 0x200, byte offset 0 (byte 0xff)",
        e.getMessage());
    var wrongCount =
        assertThrows(HostException.class, () -> lift.call(args -> new long[0], List.of()));
    assertTrue(wrongCount.getMessage().contains("returned 0 values, expected 1"));
  }

  @Test
  void aBorrowHandedToTheCalleeMustBeDroppedBeforeItReturns() {
    CanonLift lift = new CanonLift(sig("m", Optional.empty(), new BorrowType(r)), options(), table);
    List<WitValue> self = List.of(new HandleValue(r, 5));
    var e = assertThrows(CanonicalAbiTrap.class, () -> lift.call(args -> new long[0], self));
    assertEquals("call to \"m\" returned without dropping 1 borrowed handle", e.getMessage());
    assertEquals(List.of(), postReturns, "no post-return after a trap");
    HandleTable fresh = new HandleTable(registry);
    CanonLift polite =
        new CanonLift(sig("m", Optional.empty(), new BorrowType(r)), options(), fresh);
    polite.call(
        args -> {
          assertEquals(5, fresh.resourceRep(r, (int) args[0]));
          fresh.resourceDrop(r, (int) args[0]);
          return new long[0];
        },
        self);
    assertEquals(1, postReturns.size());
  }

  @Test
  void theDefiningInstanceReceivesBorrowsAsReps() {
    registry.defineGuest(r, table, Optional.empty());
    CanonLift lift = new CanonLift(sig("m", Optional.empty(), new BorrowType(r)), options(), table);
    lift.call(
        args -> {
          assertArrayEquals(new long[] {5}, args);
          return new long[0];
        },
        List.of(new HandleValue(r, 5)));
    assertEquals(0, table.size());
  }

  @Test
  void ownsMoveOutOfTheCallerAndResultsMoveIn() {
    int h = table.resourceNew(r, 5);
    CanonLower lower =
        new CanonLower(
            sig("swap", Optional.of(new OwnType(r)), new OwnType(r)), AbiOptions.NONE, table);
    long[] core =
        lower.call(
            new long[] {h},
            args -> {
              assertEquals(List.of(new HandleValue(r, 5)), args);
              assertEquals(0, table.size(), "the own left the caller's table");
              return List.of(new HandleValue(r, 6));
            });
    assertArrayEquals(new long[] {1}, core);
    assertEquals(6, table.resourceRep(r, 1));
  }

  @Test
  void aLentHandleCannotBeDroppedDuringTheCallAndIsFreeAfterwards() {
    int h = table.resourceNew(r, 5);
    CanonLower lower =
        new CanonLower(sig("read", Optional.empty(), new BorrowType(r)), AbiOptions.NONE, table);
    lower.call(
        new long[] {h},
        args -> {
          assertEquals(List.of(new HandleValue(r, 5)), args);
          assertThrows(CanonicalAbiTrap.class, () -> table.resourceDrop(r, h));
          return List.of();
        });
    assertEquals(0, table.lookup(h).orElseThrow().lends());
    table.resourceDrop(r, h);
  }

  @Test
  void optionsMustProvideWhatTheSignatureNeeds() {
    var noRealloc =
        new AbiOptions(
            Optional.of(guest.memory), Optional.empty(), Optional.empty(), StringEncoding.UTF8);
    var e =
        assertThrows(
            HostException.class,
            () -> new CanonLift(sig("f", Optional.empty(), STRING), noRealloc, table));
    assertEquals(
        "canon options for \"f\" need a realloc for its parameters or results", e.getMessage());
    new CanonLift(sig("f", Optional.of(STRING)), noRealloc, table);
    new CanonLower(sig("f", Optional.empty(), STRING), noRealloc, table);
    assertThrows(
        HostException.class,
        () -> new CanonLower(sig("f", Optional.of(WitType.list(U8))), noRealloc, table));
    assertThrows(
        HostException.class,
        () -> new CanonLift(sig("f", Optional.of(STRING)), AbiOptions.NONE, table));
    assertThrows(
        HostException.class, () -> new CanonLower(sig("f", Optional.empty()), options(), table));
  }
}
