package dev.trellis.wrpc.provider;

import dev.trellis.wrpc.nats.WrpcCall;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * The params of one invocation with typed getters by position, so a handler reads {@code
 * args.string(0)} instead of casting {@link WitValue}s; a wrong guess fails that call with a {@link
 * ProviderArgumentException} naming the position.
 */
public final class Args {
  private final WrpcCall call;

  Args(WrpcCall call) {
    this.call = call;
  }

  /** The invocation: headers ({@code source-id}, {@code traceparent}), subject, raw params. */
  public WrpcCall call() {
    return call;
  }

  /** How many params there are. */
  public int size() {
    return call.params().size();
  }

  /** Param {@code i} as it is. */
  public WitValue get(int i) {
    if (i < 0 || i >= size()) {
      throw new ProviderArgumentException("params[" + i + "]", "a param", size() + " params");
    }
    return call.params().get(i);
  }

  public boolean bool(int i) {
    return Read.bool(get(i), at(i));
  }

  /** Any integer param as a {@code long} ({@code u64} as its 64 bits). */
  public long integer(int i) {
    return Read.integer(get(i), at(i));
  }

  public double number(int i) {
    return Read.number(get(i), at(i));
  }

  public String string(int i) {
    return Read.string(get(i), at(i));
  }

  /** A {@code list<u8>} param as bytes. */
  public byte[] bytes(int i) {
    return Read.bytes(get(i), at(i));
  }

  public List<WitValue> list(int i) {
    return Read.list(get(i), at(i));
  }

  public RecordView record(int i) {
    return Read.record(get(i), at(i));
  }

  public WitValue.VariantValue variant(int i) {
    return Read.variant(get(i), at(i));
  }

  public String enumCase(int i) {
    return Read.enumCase(get(i), at(i));
  }

  public Optional<WitValue> option(int i) {
    return Read.option(get(i), at(i));
  }

  private static String at(int i) {
    return "params[" + i + "]";
  }
}
