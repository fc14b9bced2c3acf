package dev.trellis.scheduler.manifest;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Generates ULIDs (26 Crockford base-32 characters: 48 bits of milliseconds, 80 random bits), the
 * versions wadm gives manifests that have none, so versions sort by creation time. Monotonic: two
 * ids in one millisecond (or after the clock steps back) differ by an incremented random part.
 * Clock and randomness are injected so tests are deterministic. Hand-written: the format is a page
 * long and no ULID library is among the project's dependencies.
 */
public final class UlidGenerator implements Supplier<String> {
  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final char[] ALPHABET = CROCKFORD.toCharArray();
  private static final long MAX_TIME = (1L << 48) - 1;
  private static final int LENGTH = 26;

  private final InstantSource clock;
  private final RandomGenerator random;
  private final ReentrantLock lock = new ReentrantLock();
  private long lastTime = -1;
  private int lastRandomHigh;
  private long lastRandomLow;

  /** A generator reading {@code clock} and drawing from {@code random}. */
  public UlidGenerator(InstantSource clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A generator on the system clock with a {@link SecureRandom}. */
  public static UlidGenerator system() {
    return new UlidGenerator(InstantSource.system(), new SecureRandom());
  }

  /** The next ULID, greater than every earlier one from this generator. */
  @Override
  public String get() {
    lock.lock();
    try {
      long now = clock.millis();
      if (now < 0 || now > MAX_TIME) {
        throw new IllegalStateException("clock outside the ULID range: " + now + " ms");
      }
      if (now > lastTime) {
        lastTime = now;
        lastRandomHigh = random.nextInt() & 0xFFFF;
        lastRandomLow = random.nextLong();
      } else {
        increment();
      }
      return encode(lastTime, lastRandomHigh, lastRandomLow);
    } finally {
      lock.unlock();
    }
  }

  private void increment() {
    lastRandomLow++;
    if (lastRandomLow == 0) {
      lastRandomHigh = (lastRandomHigh + 1) & 0xFFFF;
      if (lastRandomHigh == 0) {
        // 2^80 ids in one millisecond: borrow the next millisecond rather than repeat.
        lastTime++;
      }
    }
  }

  /** Whether {@code value} is a well-formed ULID. */
  public static boolean isUlid(String value) {
    if (value.length() != LENGTH || value.charAt(0) > '7') {
      return false;
    }
    return value.chars().allMatch(c -> CROCKFORD.indexOf(c) >= 0);
  }

  private static String encode(long time, int randomHigh, long randomLow) {
    long high = (time << 16) | randomHigh;
    char[] out = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int shift = (LENGTH - 1 - i) * 5;
      out[i] = ALPHABET[fiveBits(high, randomLow, shift)];
    }
    return new String(out);
  }

  /** Bits {@code shift..shift+4} of the 128-bit number {@code high:low}. */
  private static int fiveBits(long high, long low, int shift) {
    long bits;
    if (shift >= 64) {
      bits = high >>> (shift - 64);
    } else if (shift + 5 <= 64) {
      bits = low >>> shift;
    } else {
      bits = (low >>> shift) | (high << (64 - shift));
    }
    return (int) (bits & 0x1F);
  }
}
