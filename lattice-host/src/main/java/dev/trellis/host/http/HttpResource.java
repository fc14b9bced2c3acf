package dev.trellis.host.http;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.RepDestructor;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@code wasi:http/types} resource whose objects live in the instance's {@link HttpState} table;
 * the HTTP counterpart of {@code HostResource}, usable before the guest runs.
 *
 * @param <T> the Java type of the resource's objects
 */
final class HttpResource<T> {
  private final String name;
  private final Class<T> javaType;
  private final Consumer<T> onDrop;
  private final ResourceType type;

  private HttpResource(String name, Class<T> javaType, Consumer<T> onDrop) {
    this.name = name;
    this.javaType = javaType;
    this.onDrop = onDrop;
    this.type = new ResourceType(name);
  }

  static <T> HttpResource<T> of(String name, Class<T> javaType) {
    return new HttpResource<>(name, javaType, t -> {});
  }

  static <T> HttpResource<T> of(String name, Class<T> javaType, Consumer<T> onDrop) {
    return new HttpResource<>(name, javaType, Objects.requireNonNull(onDrop, "onDrop"));
  }

  String name() {
    return name;
  }

  /** Stores {@code value} for the calling instance and returns the own handle to give it. */
  WitValue.HandleValue own(CallContext context, T value) {
    return own(HttpState.of(context), value);
  }

  /** Stores {@code value} in an instance's state before it runs (for the handler's arguments). */
  WitValue.HandleValue own(HostState state, T value) {
    return own(HttpState.of(state), value);
  }

  private WitValue.HandleValue own(HttpState state, T value) {
    int rep = state.table().add(javaType.cast(value));
    return new WitValue.HandleValue(type, Integer.toUnsignedLong(rep));
  }

  /** The object behind a handle argument, left in the table. */
  T get(CallContext context, WitValue handle) {
    return HttpState.of(context).table().get(rep(handle), javaType);
  }

  /** Removes and returns the object behind an own argument that the function consumes. */
  T take(CallContext context, WitValue handle) {
    return HttpState.of(context).table().remove(rep(handle), javaType);
  }

  /** What runs when the guest drops its own handle: remove the object and tell {@code onDrop}. */
  RepDestructor destructor() {
    return (context, rep) -> {
      HttpState state = HttpState.of(context);
      if (state.table().find(rep).isPresent()) {
        onDrop.accept(state.table().remove(rep, javaType));
      }
    };
  }

  private int rep(WitValue handle) {
    if (handle instanceof WitValue.HandleValue h) {
      return (int) h.handle();
    }
    throw new HostException("expected a handle to " + name + " but got " + handle);
  }
}
