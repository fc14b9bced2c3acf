package dev.trellis.scheduler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** ULIDs encode the clock and the random bits exactly, and never go backwards. */
class UlidGeneratorTest {

  @Test
  void encodesTimeAndRandomnessInCrockfordBase32() {
    RandomGenerator scripted = scripted(0x0000_1234_0000_0000L, 0x5678_9ABC_DEF0_1234L);
    UlidGenerator ulids = new UlidGenerator(InstantSource.fixed(TestManifests.CLOCK), scripted);
    assertEquals("01ARYZ6S4128T5CY4TQKFF04HM", ulids.get());
  }

  @Test
  void incrementsWithinOneMillisecond() {
    UlidGenerator ulids = new UlidGenerator(InstantSource.fixed(TestManifests.CLOCK), () -> 0L);
    assertEquals(TestManifests.FIRST_VERSION, ulids.get());
    assertEquals("01ARYZ6S410000000000000001", ulids.get());
    assertEquals("01ARYZ6S410000000000000002", ulids.get());
  }

  @Test
  void overflowOfTheRandomPartBorrowsTheNextMillisecond() {
    UlidGenerator ulids = new UlidGenerator(InstantSource.fixed(TestManifests.CLOCK), () -> -1L);
    assertEquals("01ARYZ6S41ZZZZZZZZZZZZZZZZ", ulids.get());
    assertEquals("01ARYZ6S420000000000000000", ulids.get());
  }

  @Test
  void staysMonotonicWhenTheClockStepsBack() {
    AtomicLong millis = new AtomicLong(TestManifests.CLOCK.toEpochMilli());
    InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    UlidGenerator ulids = new UlidGenerator(clock, new SplittableRandom(7));
    List<String> generated = new ArrayList<>();
    for (long step : new long[] {0, 5, -3, 0, 1000, -2000, 1}) {
      millis.addAndGet(step);
      generated.add(ulids.get());
    }
    List<String> sorted = generated.stream().sorted().distinct().toList();
    assertEquals(sorted, generated);
    generated.forEach(id -> assertTrue(UlidGenerator.isUlid(id), id));
  }

  @Test
  void laterMillisecondsSortLater() {
    AtomicLong millis = new AtomicLong(0);
    UlidGenerator ulids =
        new UlidGenerator(() -> Instant.ofEpochMilli(millis.get()), new SplittableRandom(1));
    String first = ulids.get();
    millis.set(1);
    String second = ulids.get();
    assertTrue(first.compareTo(second) < 0);
    assertTrue(first.startsWith("0000000000"));
    assertTrue(second.startsWith("0000000001"));
  }

  @Test
  void rejectsAClockOutsideTheUlidRange() {
    UlidGenerator ulids = new UlidGenerator(() -> Instant.ofEpochMilli(-1), () -> 0L);
    assertThrows(IllegalStateException.class, ulids::get);
  }

  @Test
  void recognisesUlids() {
    assertTrue(UlidGenerator.isUlid("01ARYZ6S41TSV4RRFFQ69G5FAV"));
    assertTrue(UlidGenerator.isUlid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
    assertFalse(UlidGenerator.isUlid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ"), "above 2^128");
    assertFalse(UlidGenerator.isUlid("01ARYZ6S41TSV4RRFFQ69G5FA"), "25 characters");
    assertFalse(UlidGenerator.isUlid("01ARYZ6S41TSV4RRFFQ69G5FAU"), "U is not Crockford");
    assertFalse(UlidGenerator.isUlid("v1.0.0"));
  }

  @Test
  void systemGeneratorProducesDistinctUlids() {
    UlidGenerator ulids = UlidGenerator.system();
    String a = ulids.get();
    String b = ulids.get();
    assertTrue(UlidGenerator.isUlid(a));
    assertTrue(a.compareTo(b) < 0);
  }

  private static RandomGenerator scripted(long... values) {
    Iterator<Long> next = java.util.Arrays.stream(values).iterator();
    return next::next;
  }
}
