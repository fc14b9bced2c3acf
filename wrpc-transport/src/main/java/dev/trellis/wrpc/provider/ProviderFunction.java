package dev.trellis.wrpc.provider;

import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.nats.WrpcHandler;
import dev.trellis.wrpc.nats.WrpcReply;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Objects;

/**
 * One function of a WIT interface a provider implements: its name, its types and the Java code that
 * serves it.
 *
 * @param name the function name as in WIT ({@code get}, {@code [method]bucket.get})
 * @param params parameter types
 * @param results result types
 * @param handler serves each invocation
 */
public record ProviderFunction(
    String name, List<WitType> params, List<WitType> results, WrpcHandler handler) {
  public ProviderFunction {
    Objects.requireNonNull(name, "name");
    params = List.copyOf(params);
    results = List.copyOf(results);
    Objects.requireNonNull(handler, "handler");
    Subjects.wrpcInvocation("", "", name);
  }

  /** A function whose handler maps params to results (no futures or streams returned). */
  public static ProviderFunction of(
      String name, List<WitType> params, List<WitType> results, FunctionHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return new ProviderFunction(
        name, params, results, call -> WrpcReply.of(handler.handle(new Args(call))));
  }

  /** A function with full control: pending futures and streams in and out. */
  public static ProviderFunction streaming(
      String name, List<WitType> params, List<WitType> results, WrpcHandler handler) {
    return new ProviderFunction(name, params, results, handler);
  }
}
