package dev.trellis.host.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One HTTP field (header or trailer) line: its name as given (case preserved) and its value as
 * bytes, as {@code wasi:http} represents them. The value array is shared, not copied: do not modify
 * it.
 *
 * @param name the field name, e.g. {@code Content-Type}
 * @param value the field value's bytes
 */
public record Field(String name, byte[] value) {
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** A field whose value is {@code value} encoded as ISO-8859-1 (the HTTP default). */
  public static Field of(String name, String value) {
    return new Field(name, value.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The value decoded as ISO-8859-1, so every byte maps to one character. */
  public String valueString() {
    return new String(value, StandardCharsets.ISO_8859_1);
  }

  /** Whether this field is called {@code other}, ignoring ASCII case. */
  public boolean isNamed(String other) {
    return name.equalsIgnoreCase(other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Field f && f.name.equals(name) && Arrays.equals(f.value, value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return name + ": " + valueString();
  }
}
