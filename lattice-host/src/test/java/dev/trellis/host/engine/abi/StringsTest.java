package dev.trellis.host.engine.abi;

import static dev.trellis.host.engine.abi.StringEncoding.LATIN1_UTF16;
import static dev.trellis.host.engine.abi.StringEncoding.UTF16;
import static dev.trellis.host.engine.abi.StringEncoding.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.trellis.host.engine.abi.Strings.Source;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StringsTest {
  private static final int TAG = 0x8000_0000;

  private final GuestMemory guest = new GuestMemory();

  /** Stores {@code s} and checks pointer, code units, bytes and the realloc calls. */
  private void assertStored(
      StringEncoding dst, Source src, String s, int ptr, int units, String bytes, String... calls) {
    long packed = Strings.store(guest.cx(dst), s, src);
    assertEquals(GuestMemory.hex(ptr), GuestMemory.hex(Strings.ptr(packed)), "pointer");
    assertEquals(units, Strings.units(packed), "code units");
    assertEquals(bytes, guest.bytes(ptr, bytes.length() / 2));
    assertEquals(List.of(calls), guest.calls);
  }

  private CanonicalAbiTrap loadFails(StringEncoding encoding, int ptr, int units) {
    return assertThrows(CanonicalAbiTrap.class, () -> Strings.load(guest.cx(encoding), ptr, units));
  }

  @Test
  void utf8FromUtf8IsOneExactCopy() {
    assertStored(
        UTF8, Source.UTF8, "héllo", 0x100, 6, "68c3a96c6c6f", "realloc(0x0, 0, 1, 6) = 0x100");
  }

  @Test
  void utf8FromUtf16GrowsToWorstCaseAtFirstNonAsciiThenShrinks() {
    assertStored(
        UTF8,
        Source.UTF16,
        "héllo",
        0x114,
        6,
        "68c3a96c6c6f",
        "realloc(0x0, 0, 1, 5) = 0x100",
        "realloc(0x100, 5, 1, 15) = 0x105",
        "realloc(0x105, 15, 1, 6) = 0x114");
  }

  @Test
  void utf8FromAsciiUtf16NeedsOneAllocation() {
    assertStored(UTF8, Source.UTF16, "abc", 0x100, 3, "616263", "realloc(0x0, 0, 1, 3) = 0x100");
  }

  @Test
  void utf8FromLatin1UsesTwiceTheLengthAsWorstCaseAndSkipsAnExactShrink() {
    assertStored(
        UTF8,
        Source.LATIN1,
        "é",
        0x101,
        2,
        "c3a9",
        "realloc(0x0, 0, 1, 1) = 0x100",
        "realloc(0x100, 1, 1, 2) = 0x101");
  }

  @Test
  void utf16FromUtf8AllocatesTwoBytesPerUtf8ByteThenShrinks() {
    assertStored(
        UTF16,
        Source.UTF8,
        "a☃",
        0x108,
        2,
        "61000326",
        "realloc(0x0, 0, 2, 8) = 0x100",
        "realloc(0x100, 8, 2, 4) = 0x108");
  }

  @Test
  void utf16FromUtf16OrLatin1IsACopy() {
    assertStored(UTF16, Source.UTF16, "a☃", 0x100, 2, "61000326", "realloc(0x0, 0, 2, 4) = 0x100");
    guest.calls.clear();
    long packed = Strings.store(guest.cx(UTF16), "é", Source.LATIN1);
    assertEquals("e900", guest.bytes(Strings.ptr(packed), 2));
    assertEquals(List.of("realloc(0x0, 0, 2, 2) = 0x104"), guest.calls);
  }

  @Test
  void latin1FromUtf8ShrinksWhenEverythingFitsLatin1() {
    assertStored(
        LATIN1_UTF16,
        Source.UTF8,
        "héllo",
        0x106,
        5,
        "68e96c6c6f",
        "realloc(0x0, 0, 2, 6) = 0x100",
        "realloc(0x100, 6, 2, 5) = 0x106");
  }

  @Test
  void latin1FromUtf8InflatesToUtf16AtTheFirstWideCharacter() {
    assertStored(
        LATIN1_UTF16,
        Source.UTF8,
        "hé☃",
        0x112,
        3 | TAG,
        "6800e9000326",
        "realloc(0x0, 0, 2, 6) = 0x100",
        "realloc(0x100, 6, 2, 12) = 0x106",
        "realloc(0x106, 12, 2, 6) = 0x112");
  }

  @Test
  void latin1FromUtf16WithoutShrinkWhenSizesMatch() {
    assertStored(
        LATIN1_UTF16,
        Source.UTF16,
        "a☃",
        0x102,
        2 | TAG,
        "61000326",
        "realloc(0x0, 0, 2, 2) = 0x100",
        "realloc(0x100, 2, 2, 4) = 0x102");
  }

  @Test
  void latin1FromLatin1IsACopyAtAlignmentTwo() {
    assertStored(LATIN1_UTF16, Source.LATIN1, "é", 0x100, 1, "e9", "realloc(0x0, 0, 2, 1) = 0x100");
  }

  @Test
  void taggedUtf16StaysUtf16WhenItNeedsTo() {
    assertStored(
        LATIN1_UTF16,
        Source.TAGGED_UTF16,
        "☃",
        0x100,
        1 | TAG,
        "0326",
        "realloc(0x0, 0, 2, 2) = 0x100");
  }

  @Test
  void taggedUtf16ThatFitsLatin1IsCompressedAndShrunkToAlignmentOne() {
    assertStored(
        LATIN1_UTF16,
        Source.TAGGED_UTF16,
        "ab",
        0x104,
        2,
        "6162",
        "realloc(0x0, 0, 2, 4) = 0x100",
        "realloc(0x100, 4, 1, 2) = 0x104");
  }

  @Test
  void hostStringsAreCopiedInTheGuestsEncoding() {
    long packed = Strings.store(guest.cx(LATIN1_UTF16), "ab☃");
    assertEquals(3 | TAG, Strings.units(packed));
    assertEquals("610062000326", guest.bytes(Strings.ptr(packed), 6));
    assertEquals(List.of("realloc(0x0, 0, 2, 6) = 0x100"), guest.calls);
    packed = Strings.store(guest.cx(UTF8), "");
    assertEquals(0, Strings.units(packed));
    assertEquals("realloc(0x0, 0, 1, 0) = 0x106", guest.calls.get(1));
  }

  @Test
  void loadsEachEncoding() {
    guest.put(0x10, "68c3a9");
    assertEquals("hé", Strings.load(guest.cx(UTF8), 0x10, 3));
    guest.put(0x20, "3dd800de6100");
    assertEquals("😀a", Strings.load(guest.cx(UTF16), 0x20, 3));
    guest.put(0x30, "e9");
    assertEquals("é", Strings.load(guest.cx(LATIN1_UTF16), 0x30, 1));
    assertEquals("😀a", Strings.load(guest.cx(LATIN1_UTF16), 0x20, 3 | TAG));
    guest.put(0x40, "f09f9880");
    assertEquals("😀", Strings.load(guest.cx(UTF8), 0x40, 4));
  }

  @Test
  void invalidUtf8Traps() {
    guest.put(0x10, "ff");
    assertEquals(
        "invalid utf-8 in string at 0x10, byte offset 0 (byte 0xff)",
        loadFails(UTF8, 0x10, 1).getMessage());
    guest.put(0x20, "61c3");
    assertEquals(
        "incomplete utf-8 byte sequence in string at 0x20, byte offset 1 (byte 0xc3)",
        loadFails(UTF8, 0x20, 2).getMessage());
    guest.put(0x30, "eda080");
    loadFails(UTF8, 0x30, 3);
    guest.put(0x40, "c080");
    loadFails(UTF8, 0x40, 2);
    guest.put(0x50, "f4908080");
    loadFails(UTF8, 0x50, 4);
    guest.put(0x60, "e2822c");
    assertEquals(
        "invalid utf-8 in string at 0x60, byte offset 0 (byte 0xe2)",
        loadFails(UTF8, 0x60, 3).getMessage());
  }

  @Test
  void unpairedSurrogateInUtf16Traps() {
    guest.put(0x10, "00d86100");
    assertEquals(
        "invalid utf-16 in string at 0x10: unpaired surrogate 0xd800 at code unit 0",
        loadFails(UTF16, 0x10, 2).getMessage());
    assertEquals(
        "invalid utf-16 in string at 0x10: unpaired surrogate 0xd800 at code unit 0",
        loadFails(LATIN1_UTF16, 0x10, 2 | TAG).getMessage());
  }

  @Test
  void pointerChecks() {
    assertEquals(
        "unaligned pointer 0x11 for string (alignment 2)", loadFails(UTF16, 0x11, 1).getMessage());
    assertEquals(
        "string pointer 0xfffe with length 5 out of bounds (memory is 65536 bytes)",
        loadFails(UTF8, 0xfffe, 5).getMessage());
    assertEquals("", Strings.load(guest.cx(UTF8), 0x10000, 0));
    assertEquals(
        "string pointer 0x10001 with length 0 out of bounds (memory is 65536 bytes)",
        loadFails(UTF8, 0x10001, 0).getMessage());
    assertEquals(
        "string pointer 0xffffffff with length 1 out of bounds (memory is 65536 bytes)",
        loadFails(UTF8, -1, 1).getMessage());
  }

  @Test
  void lengthsOverTheMaximumTrapBeforeAnyMemoryCheck() {
    assertEquals(
        "string of 268435456 bytes exceeds the maximum of 268435455 bytes",
        loadFails(UTF8, 0x11, 1 << 28).getMessage());
    loadFails(UTF16, 0, 1 << 27);
    assertEquals(
        "string of 268435456 bytes exceeds the maximum of 268435455 bytes",
        loadFails(LATIN1_UTF16, 0, (1 << 27) | TAG).getMessage());
    assertEquals(
        "string of 4294967295 bytes exceeds the maximum of 268435455 bytes",
        loadFails(UTF8, 0, -1).getMessage());
  }

  @Test
  void reallocResultsAreChecked() {
    var memory = new ByteArrayMemory(new MemoryLimits(1, 10));
    Cx unaligned =
        new Cx(
            new AbiOptions(
                Optional.of(memory), Optional.of((p, o, a, n) -> 3), Optional.empty(), UTF16),
            UTF16,
            new HandleTable(new ResourceRegistry()),
            new CallScope("t"));
    var e = assertThrows(CanonicalAbiTrap.class, () -> Strings.store(unaligned, "a"));
    assertEquals("realloc returned unaligned pointer 0x3 for string (alignment 2)", e.getMessage());
    Cx outOfBounds =
        new Cx(
            new AbiOptions(
                Optional.of(memory), Optional.of((p, o, a, n) -> 0xfffe), Optional.empty(), UTF8),
            UTF8,
            new HandleTable(new ResourceRegistry()),
            new CallScope("t"));
    e = assertThrows(CanonicalAbiTrap.class, () -> Strings.store(outOfBounds, "hello"));
    assertEquals(
        "realloc returned pointer 0xfffe for 5 bytes of string, out of bounds (memory is 65536 bytes)",
        e.getMessage());
  }
}
