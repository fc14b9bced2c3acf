package dev.trellis.host.wasi;

import dev.trellis.host.engine.InterfaceName;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.ResourceTable;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * Calls WASI host functions directly, as the engine would for one instance: one host state with a
 * {@link WasiContext}, one resource table. Lets tests check exact WIT results (error codes) without
 * a guest in between.
 */
final class HostCalls {
  /** What {@link #call} returns for functions without a result, and {@link #ok} for bare ok. */
  static final WitValue NO_RESULT = WitValue.string("(no result)");

  private final List<HostInterface> interfaces = Wasi.interfaces();
  private final HostState state;
  private final ResourceTable table = new ResourceTable();

  HostCalls(WasiContext context) {
    this.state = Wasi.hostState(context);
  }

  /** Calls {@code function} of the interface {@code unversioned} (e.g. {@code wasi:io/poll}). */
  WitValue call(String unversioned, String function, WitValue... args) {
    return switch (implementation(unversioned, function)) {
      case HostInterface.Returning r -> r.function().call(context(function), List.of(args));
      case HostInterface.Action a -> {
        a.action().run(context(function), List.of(args));
        yield NO_RESULT;
      }
    };
  }

  /** Drops a host resource handle as the engine does when the guest drops its own handle. */
  void drop(String unversioned, String resource, WitValue handle) {
    HostInterface host = find(unversioned);
    host.resources()
        .get(resource)
        .destructor()
        .destroy(
            context("[resource-drop]" + resource), (int) ((WitValue.HandleValue) handle).handle());
  }

  ResourceTable table() {
    return table;
  }

  CallContext context(String function) {
    return new CallContext() {
      @Override
      public String componentName() {
        return "test";
      }

      @Override
      public String functionName() {
        return function;
      }

      @Override
      public HostState state() {
        return state;
      }

      @Override
      public ResourceTable resources() {
        return table;
      }
    };
  }

  private HostInterface.Implementation implementation(String unversioned, String function) {
    return find(unversioned)
        .function(function)
        .orElseThrow(() -> new AssertionError(unversioned + " lacks " + function));
  }

  private HostInterface find(String unversioned) {
    return interfaces.stream()
        .filter(h -> InterfaceName.parse(h.name()).orElseThrow().unversioned().equals(unversioned))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no interface " + unversioned));
  }

  /** The {@code ok} payload of a result, failing the test on {@code err}. */
  static WitValue ok(WitValue result) {
    WitValue.ResultValue r = (WitValue.ResultValue) result;
    if (!r.isOk()) {
      throw new AssertionError("expected ok but got " + result);
    }
    return r.payload().orElse(NO_RESULT);
  }

  /** The error case name of a {@code result<_, enum>}, failing the test on {@code ok}. */
  static String errCase(WitValue result) {
    WitValue.ResultValue r = (WitValue.ResultValue) result;
    if (r.isOk()) {
      throw new AssertionError("expected an error but got " + result);
    }
    return switch (r.payload().orElseThrow()) {
      case WitValue.EnumValue e -> e.caseName();
      case WitValue.VariantValue v -> v.caseName();
      default -> throw new AssertionError("unexpected error payload " + r);
    };
  }
}
