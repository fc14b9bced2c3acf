package dev.trellis.host.engine.spi;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A host-implemented WIT resource whose instances are Java objects of type {@code T}, stored in the
 * calling instance's {@link ResourceTable}. Declare it once (a constant), register it with {@link
 * HostInterface.Builder#resource(HostResource)}, and use it inside host functions:
 *
 * <pre>{@code
 * static final HostResource<OutputStream> OUTPUT_STREAM =
 *     HostResource.of("output-stream", OutputStream.class);
 *
 * // in "[method]output-stream.blocking-write-and-flush":
 * OutputStream out = OUTPUT_STREAM.get(ctx, args.get(0));
 * // in "get-stdout":
 * return OUTPUT_STREAM.own(ctx, System.out);
 * }</pre>
 *
 * <p>When the guest drops its own handle the object is removed from the table, handed to the {@code
 * onDrop} callback if one was given, and closed if it is {@link AutoCloseable} and no callback was
 * given.
 *
 * @param <T> the Java type of the resource's objects
 */
public final class HostResource<T> {
  private final String name;
  private final Class<T> javaType;
  private final ResourceType type;
  private final BiConsumer<CallContext, T> onDrop;

  private HostResource(String name, Class<T> javaType, BiConsumer<CallContext, T> onDrop) {
    this.name = Objects.requireNonNull(name, "name");
    this.javaType = Objects.requireNonNull(javaType, "javaType");
    this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
    this.type = new ResourceType(name);
  }

  /** A resource called {@code name} (as in WIT) holding {@code javaType} objects. */
  public static <T> HostResource<T> of(String name, Class<T> javaType) {
    return new HostResource<>(name, javaType, (context, value) -> {});
  }

  /** As {@link #of(String, Class)}, calling {@code onDrop} with the object when it is dropped. */
  public static <T> HostResource<T> of(
      String name, Class<T> javaType, BiConsumer<CallContext, T> onDrop) {
    return new HostResource<>(name, javaType, onDrop);
  }

  /** The WIT name, e.g. {@code output-stream}. */
  public String name() {
    return name;
  }

  /** The Java type of the objects. */
  public Class<T> javaType() {
    return javaType;
  }

  /** The resource type the host's handles carry. */
  public ResourceType type() {
    return type;
  }

  /**
   * Stores {@code value} in the calling instance's table and returns the {@code own<R>} value to
   * give to the guest (as a result or inside one).
   */
  public WitValue.HandleValue own(CallContext context, T value) {
    int rep = context.resources().add(javaType.cast(value));
    return new WitValue.HandleValue(type, Integer.toUnsignedLong(rep));
  }

  /**
   * The object behind a handle argument ({@code borrow<R>} or {@code own<R>}), leaving it in the
   * table.
   *
   * @throws HostException if the value is not a handle or the rep is unknown (the call traps)
   */
  public T get(CallContext context, WitValue handle) {
    return context.resources().get(rep(handle), javaType);
  }

  /**
   * Removes and returns the object behind an {@code own<R>} argument, for functions that consume
   * their argument (e.g. {@code finish(this: own<outgoing-body>)}).
   */
  public T take(CallContext context, WitValue handle) {
    return context.resources().remove(rep(handle), javaType);
  }

  /** The destructor the engine runs when the guest drops its own handle. */
  public RepDestructor destructor() {
    return (context, rep) -> {
      if (context.resources().find(rep).isPresent()) {
        onDrop.accept(context, context.resources().remove(rep, javaType));
      }
    };
  }

  private int rep(WitValue handle) {
    if (handle instanceof WitValue.HandleValue h) {
      return (int) h.handle();
    }
    throw new HostException("expected a handle to " + name + " but got " + handle);
  }

  @Override
  public String toString() {
    return "HostResource[" + name + ": " + javaType.getSimpleName() + "]";
  }
}
