package dev.trellis.host.engine.spi;

/**
 * Runs when a guest drops its last own handle to a host-implemented resource, with the rep the
 * handle stood for; typically removes (and closes) the object from {@link CallContext#resources()}.
 * {@link HostResource} supplies one that does exactly that.
 */
@FunctionalInterface
public interface RepDestructor {

  /** Releases the resource behind {@code rep}. */
  void destroy(CallContext context, int rep);
}
