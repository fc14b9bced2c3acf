package dev.trellis.host;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generates host ids (unique, subject-safe) and friendly names (memorable, for people reading
 * listings). Ids are 20 characters of Crockford base32 from a secure random source.
 */
public final class HostIds {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final List<String> ADJECTIVES =
      List.of(
          "amber", "brave", "calm", "dusty", "eager", "fuzzy", "gentle", "hidden", "icy", "jolly",
          "keen", "lucky", "misty", "noble", "odd", "plain", "quiet", "rapid", "shy", "tidy",
          "urban", "vivid", "wild", "young", "zesty");
  private static final List<String> NOUNS =
      List.of(
          "otter", "badger", "cedar", "delta", "ember", "falcon", "grove", "heron", "island",
          "juniper", "kestrel", "lagoon", "meadow", "nettle", "orchid", "pine", "quail", "river",
          "spruce", "thistle", "umber", "vale", "willow", "yarrow", "zephyr");
  private static final RandomGenerator RANDOM = new SecureRandom();

  private HostIds() {}

  /** A new random host id such as {@code 7K2M0QF4ZR8XW1D3HC9P}. */
  public static String newHostId() {
    char[] id = new char[20];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  /** A friendly name such as {@code calm-otter-42}. */
  public static String friendlyName() {
    return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size()))
        + "-"
        + NOUNS.get(RANDOM.nextInt(NOUNS.size()))
        + "-"
        + RANDOM.nextInt(100);
  }
}
