package dev.trellis.host.engine.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bookkeeping of one synchronous component call for borrowed handles. On the callee side
 * ({@code canon lift}, the spec's task) it counts the borrow handles created in the callee's table,
 * which the callee must drop before it returns. On the caller side ({@code canon lower}, the spec's
 * subtask) it remembers the handles that lent a borrow to the call, whose lend counts drop back
 * when the call ends. Create one per call; it is not thread-safe.
 */
public final class CallScope {
  private final String function;
  private int borrows;
  private List<HandleTable.Entry> lenders = List.of();

  /** A scope for one call of {@code function} (named in trap messages). */
  public CallScope(String function) {
    this.function = Objects.requireNonNull(function, "function");
  }

  /** The function this call is of. */
  public String function() {
    return function;
  }

  /** Borrow handles lent to the callee for this call and not yet dropped. */
  public int outstandingBorrows() {
    return borrows;
  }

  /** Handles currently lending a borrow to this call. */
  public int lenderCount() {
    return lenders.size();
  }

  void borrowCreated() {
    borrows++;
  }

  void borrowDropped() {
    borrows--;
  }

  void addLender(HandleTable.Entry lender) {
    if (lenders.isEmpty()) {
      lenders = new ArrayList<>(2);
    }
    lender.lends++;
    lenders.add(lender);
  }

  /**
   * The callee-side end-of-call check: traps if the callee returned while still holding borrow
   * handles it was given for this call.
   */
  public void checkBorrowsDropped() {
    if (borrows > 0) {
      throw new CanonicalAbiTrap(
          "call to \""
              + function
              + "\" returned without dropping "
              + borrows
              + (borrows == 1 ? " borrowed handle" : " borrowed handles"));
    }
  }

  /**
   * The caller-side end of the call: every handle that lent a borrow to it may again be dropped or
   * moved. Idempotent.
   */
  public void releaseLends() {
    for (HandleTable.Entry lender : lenders) {
      lender.lends--;
    }
    lenders = List.of();
  }
}
