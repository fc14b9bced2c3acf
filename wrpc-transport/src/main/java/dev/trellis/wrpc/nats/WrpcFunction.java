package dev.trellis.wrpc.nats;

import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.codec.AsyncPaths;
import dev.trellis.wrpc.codec.IndexPattern;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Objects;

/**
 * One function as wRPC addresses it: the WIT instance (interface name with version, empty for a
 * world-level function), the function name as the component names it ({@code [method]r.f}
 * annotations allowed) and its parameter and result types. Client and server need the same value to
 * agree on subject and encoding.
 *
 * @param instance e.g. {@code wasi:keyvalue/store@0.2.0-draft}; empty for world-level functions
 * @param name e.g. {@code get} or {@code [method]bucket.get}
 * @param params parameter types in order
 * @param results result types in order
 */
public record WrpcFunction(
    String instance, String name, List<WitType> params, List<WitType> results) {
  public WrpcFunction {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(name, "name");
    params = List.copyOf(params);
    results = List.copyOf(results);
    Subjects.wrpcInvocation("", instance, name);
  }

  /** A function with these parameter and result types. */
  public static WrpcFunction of(
      String instance, String name, List<WitType> params, List<WitType> results) {
    return new WrpcFunction(instance, name, params, results);
  }

  /** The name on the wire: {@link #name} without its annotation. */
  public String rpcName() {
    return Subjects.wrpcFunctionName(name);
  }

  /** The invocation subject under {@code prefix}. */
  public String subject(String prefix) {
    return Subjects.wrpcInvocation(prefix, instance, name);
  }

  /** Where futures and streams can travel in the params. */
  List<IndexPattern> paramPaths() {
    return AsyncPaths.of(params);
  }

  /** Where futures and streams can travel in the results. */
  List<IndexPattern> resultPaths() {
    return AsyncPaths.of(results);
  }

  @Override
  public String toString() {
    return (instance.isEmpty() ? "" : instance + ".") + name;
  }
}
