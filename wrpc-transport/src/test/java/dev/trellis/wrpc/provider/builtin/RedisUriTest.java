package dev.trellis.wrpc.provider.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisUriTest {
  @Test
  void defaultsAndEveryPart() {
    assertEquals(
        new RedisUri("127.0.0.1", 6379, Optional.empty(), Optional.empty(), 0, false),
        RedisUri.parse("redis://127.0.0.1"));
    assertEquals(
        new RedisUri("cache", 6380, Optional.of("app"), Optional.of("p:w@d"), 3, true),
        RedisUri.parse("rediss://app:p%3Aw%40d@cache:6380/3"));
    assertEquals(Optional.of("only"), RedisUri.parse("redis://:only@h").password());
    assertEquals(Optional.empty(), RedisUri.parse("redis://:only@h").user());
  }

  @Test
  void thePasswordNeverShowsInMessages() {
    RedisUri uri = RedisUri.parse("redis://u:hunter2@h:1/2");
    assertFalse(uri.toString().contains("hunter2"));
    assertEquals("h:1", uri.address());
  }

  @Test
  void badUrlsSayWhatIsWrong() {
    assertMessage("expected redis://", "http://h:6379");
    assertMessage("not a number", "redis://h/zero");
    assertMessage("no host", "redis:///0");
    assertMessage("out of range", "redis://h:70000");
  }

  private static void assertMessage(String expected, String url) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RedisUri.parse(url));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
