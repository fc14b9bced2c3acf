package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code wasi:random} 0.2: secure bytes from the context's secure source, insecure ones from its
 * fast source, and an insecure seed fixed for the life of the instance.
 */
final class WasiRandom {
  /**
   * The most bytes one call may ask for; more is a guest bug and traps rather than exhaust memory.
   */
  private static final long MAX_BYTES = 64L << 20;

  private WasiRandom() {}

  static List<HostInterface> interfaces(String version, Optional<WasiContext> fallback) {
    return List.of(
        HostInterface.builder("wasi:random/random@" + version)
            .function(
                "get-random-bytes",
                (ctx, a) -> bytes(ctx(ctx, fallback).random(), WitArgs.u64(a.get(0))))
            .function(
                "get-random-u64", (ctx, a) -> WitValue.u64(ctx(ctx, fallback).random().nextLong()))
            .build(),
        HostInterface.builder("wasi:random/insecure@" + version)
            .function(
                "get-insecure-random-bytes",
                (ctx, a) -> bytes(ctx(ctx, fallback).insecureRandom(), WitArgs.u64(a.get(0))))
            .function(
                "get-insecure-random-u64",
                (ctx, a) -> WitValue.u64(ctx(ctx, fallback).insecureRandom().nextLong()))
            .build(),
        HostInterface.builder("wasi:random/insecure-seed@" + version)
            .function(
                "insecure-seed",
                (ctx, a) -> {
                  long[] seed = WasiState.of(ctx, fallback).insecureSeed();
                  return WitValue.tuple(WitValue.u64(seed[0]), WitValue.u64(seed[1]));
                })
            .build());
  }

  private static WasiContext ctx(CallContext call, Optional<WasiContext> fallback) {
    return WasiState.of(call, fallback).context();
  }

  private static WitValue bytes(RandomGenerator source, long length) {
    if (length < 0 || length > MAX_BYTES) {
      throw new HostException(
          "random bytes requested: "
              + Long.toUnsignedString(length)
              + ", more than the maximum of "
              + MAX_BYTES);
    }
    byte[] out = new byte[(int) length];
    source.nextBytes(out);
    return WitArgs.bytesValue(out);
  }
}
