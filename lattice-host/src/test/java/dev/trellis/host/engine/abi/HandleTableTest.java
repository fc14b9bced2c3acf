package dev.trellis.host.engine.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandleTableTest {
  private final ResourceRegistry registry = new ResourceRegistry();
  private final HandleTable table = new HandleTable(registry);
  private final ResourceType r = new ResourceType("r");
  private final ResourceType other = new ResourceType("other");

  private CanonicalAbiTrap fails(Runnable op) {
    return assertThrows(CanonicalAbiTrap.class, op::run);
  }

  @Test
  void handlesAreAllocatedFromOneAndFreedSlotsReusedLastInFirstOut() {
    // The sequence of the spec's test/resources/handle-table.wast.
    assertEquals(1, table.resourceNew(r, 100));
    assertEquals(2, table.resourceNew(r, 200));
    assertEquals(3, table.resourceNew(r, 300));
    table.resourceDrop(r, 2);
    assertEquals(2, table.resourceNew(r, 400));
    assertEquals(100, table.resourceRep(r, 1));
    assertEquals(400, table.resourceRep(r, 2));
    assertEquals(300, table.resourceRep(r, 3));
    table.resourceDrop(r, 1);
    table.resourceDrop(r, 2);
    table.resourceDrop(r, 3);
    assertEquals(3, table.resourceNew(r, 500));
    assertEquals(2, table.resourceNew(r, 600));
    assertEquals(1, table.resourceNew(r, 700));
    assertEquals(500, table.resourceRep(r, 3));
    assertEquals(600, table.resourceRep(r, 2));
    assertEquals(700, table.resourceRep(r, 1));
    assertEquals(4, table.resourceNew(r, 800));
    assertEquals(4, table.size());
  }

  @Test
  void allResourceTypesShareTheTable() {
    assertEquals(1, table.resourceNew(r, 1));
    assertEquals(2, table.resourceNew(other, 1));
    assertEquals(1, table.liftOwn(other, 2));
    assertEquals(2, table.lowerOwn(r, 9));
  }

  @Test
  void unknownHandlesTrap() {
    assertEquals("unknown handle index 5", fails(() -> table.resourceDrop(r, 5)).getMessage());
    assertEquals("unknown handle index 5", fails(() -> table.resourceRep(r, 5)).getMessage());
    assertEquals("unknown handle index 0", fails(() -> table.resourceDrop(r, 0)).getMessage());
    assertEquals(
        "unknown handle index 4294967295", fails(() -> table.resourceDrop(r, -1)).getMessage());
    table.resourceNew(r, 100);
    table.resourceDrop(r, 1);
    assertEquals("unknown handle index 1", fails(() -> table.resourceDrop(r, 1)).getMessage());
    assertEquals("unknown handle index 1", fails(() -> table.liftOwn(r, 1)).getMessage());
  }

  @Test
  void handlesRememberTheirType() {
    table.resourceNew(r, 100);
    assertEquals(
        "handle index 1 used with the wrong type, expected other but found r",
        fails(() -> table.resourceDrop(other, 1)).getMessage());
    fails(() -> table.liftOwn(other, 1));
    fails(() -> table.resourceRep(other, 1));
    assertEquals(100, table.resourceRep(r, 1));
  }

  @Test
  void droppingAnOwnRunsTheDestructorWithTheRep() {
    List<Integer> destroyed = new ArrayList<>();
    registry.defineGuest(r, table, Optional.of(destroyed::add));
    int h = table.resourceNew(r, 42);
    table.resourceDrop(r, h);
    assertEquals(List.of(42), destroyed);
    table.resourceDrop(other, table.resourceNew(other, 7));
    assertEquals(List.of(42), destroyed, "a type without destructor destroys nothing");
  }

  @Test
  void liftingAnOwnMovesItOutOfTheTable() {
    int h = table.lowerOwn(r, 77);
    assertEquals(77, table.liftOwn(r, h));
    assertEquals(0, table.size());
    assertEquals(1, table.lowerOwn(r, 78));
  }

  @Test
  void borrowsOfTheDefiningInstanceAreBareReps() {
    registry.defineGuest(r, table, Optional.empty());
    CallScope scope = new CallScope("f");
    assertEquals(55, table.lowerBorrow(r, 55, scope));
    assertEquals(0, table.size());
    scope.checkBorrowsDropped();
  }

  @Test
  void borrowsElsewhereMustBeDroppedBeforeTheCallEnds() {
    CallScope scope = new CallScope("f");
    int h = table.lowerBorrow(r, 55, scope);
    assertEquals(1, h);
    assertEquals(55, table.resourceRep(r, h));
    assertEquals(
        "call to \"f\" returned without dropping 1 borrowed handle",
        fails(scope::checkBorrowsDropped).getMessage());
    assertEquals(
        "handle index 1 is a borrow of r where an own is required",
        fails(() -> table.liftOwn(r, h)).getMessage());
    table.resourceDrop(r, h);
    assertEquals(0, scope.outstandingBorrows());
    scope.checkBorrowsDropped();
  }

  @Test
  void lendingAnOwnBlocksItsRemovalUntilTheCallEnds() {
    int h = table.resourceNew(r, 9);
    CallScope call = new CallScope("g");
    assertEquals(9, table.liftBorrow(r, h, call));
    assertEquals(1, table.lookup(h).orElseThrow().lends());
    assertEquals(
        "cannot remove handle index 1 (own of r) while it lends 1 borrow",
        fails(() -> table.resourceDrop(r, h)).getMessage());
    fails(() -> table.liftOwn(r, h));
    call.releaseLends();
    call.releaseLends();
    assertEquals(0, table.lookup(h).orElseThrow().lends());
    assertEquals(9, table.liftOwn(r, h));
  }

  @Test
  void aResourceTypeIsDefinedOnce() {
    registry.defineHost(r, Optional.empty());
    assertThrows(HostException.class, () -> registry.defineGuest(r, table, Optional.empty()));
  }
}
