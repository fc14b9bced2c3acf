package dev.trellis.wrpc.provider;

import static dev.trellis.wrpc.wit.WitType.Primitive.U32;

import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A provider process as a user would write it, for {@link ProviderSigtermTest}: {@code slow} works
 * for the given milliseconds, so a SIGTERM arrives while it is in flight.
 */
public final class SigtermProviderMain {
  private SigtermProviderMain() {}

  public static void main(String[] args) {
    long workMillis = Long.parseLong(args[2]);
    ProvidedInterface work =
        ProvidedInterface.builder("trellis:test/work")
            .function(
                "slow",
                List.of(),
                List.of(U32),
                a -> {
                  LockSupport.parkNanos(Duration.ofMillis(workMillis).toNanos());
                  return List.of(WitValue.u32(7));
                })
            .build();
    ProviderRunner.create(
            ProviderConfig.of(args[0], "sigterm", args[1])
                .withHeartbeatInterval(Duration.ofMillis(100)),
            List.of(work))
        .run();
  }
}
