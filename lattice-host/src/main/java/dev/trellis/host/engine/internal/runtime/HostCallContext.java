package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.ResourceTable;

/** The {@link CallContext} of one imported host function in one instance tree. */
public record HostCallContext(Root root, String functionName) implements CallContext {

  @Override
  public String componentName() {
    return root.componentName();
  }

  @Override
  public HostState state() {
    return root.hostState();
  }

  @Override
  public ResourceTable resources() {
    return root.hostResources();
  }
}
