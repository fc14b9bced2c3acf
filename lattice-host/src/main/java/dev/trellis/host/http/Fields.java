package dev.trellis.host.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Java object behind a {@code wasi:http/types.fields} resource: an ordered list of fields with
 * case-insensitive names. Fields a guest builds are mutable and validated by {@link FieldRules};
 * the fields of a request or response are frozen ({@link #freeze}) and every change then fails with
 * {@link HeaderError#IMMUTABLE}. Fields the host builds from the network ({@link #trusted}) skip
 * the forbidden-name rule, so a guest sees the real {@code host} header.
 *
 * <p>Not thread-safe: one guest instance uses it at a time.
 */
public final class Fields {
  private final List<Field> entries;
  private boolean immutable;

  private Fields(List<Field> entries, boolean immutable) {
    this.entries = entries;
    this.immutable = immutable;
  }

  /** Empty, mutable fields. */
  public static Fields create() {
    return new Fields(new ArrayList<>(), false);
  }

  /**
   * Mutable fields holding {@code entries}, validated like {@link #append}.
   *
   * @throws HeaderException if a name or value is invalid or a name is forbidden
   */
  public static Fields fromList(Collection<Field> entries) {
    Fields fields = create();
    for (Field f : entries) {
      fields.append(f.name(), f.value());
    }
    return fields;
  }

  /** Immutable fields received from the network; only syntax is not re-checked. */
  public static Fields trusted(Collection<Field> entries) {
    return new Fields(new ArrayList<>(entries), true);
  }

  /** Values of every field called {@code name}, in order (none for an invalid name). */
  public List<byte[]> get(String name) {
    List<byte[]> out = new ArrayList<>(1);
    for (Field f : entries) {
      if (f.isNamed(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** The first value of {@code name}, if there is one. */
  public Optional<String> first(String name) {
    for (Field f : entries) {
      if (f.isNamed(name)) {
        return Optional.of(f.valueString());
      }
    }
    return Optional.empty();
  }

  /** Whether a field called {@code name} is present. */
  public boolean has(String name) {
    for (Field f : entries) {
      if (f.isNamed(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replaces every value of {@code name} with {@code values}.
   *
   * @throws HeaderException if immutable, invalid or forbidden
   */
  public void set(String name, List<byte[]> values) {
    checkMutable(name);
    checkName(name);
    values.forEach(v -> checkValue(name, v));
    entries.removeIf(f -> f.isNamed(name));
    values.forEach(v -> entries.add(new Field(name, v)));
  }

  /**
   * Removes every value of {@code name}.
   *
   * @throws HeaderException if immutable, invalid or forbidden
   */
  public void delete(String name) {
    checkMutable(name);
    checkName(name);
    entries.removeIf(f -> f.isNamed(name));
  }

  /**
   * Adds one value for {@code name} after the existing ones.
   *
   * @throws HeaderException if immutable, invalid or forbidden
   */
  public void append(String name, byte[] value) {
    checkMutable(name);
    checkName(name);
    checkValue(name, value);
    entries.add(new Field(name, value));
  }

  /** Every field in order, names as given. */
  public List<Field> entries() {
    return List.copyOf(entries);
  }

  /** A mutable deep copy (values are immutable by convention, so they are shared). */
  public Fields copy() {
    return new Fields(new ArrayList<>(entries), false);
  }

  /** Makes these fields immutable (they now belong to a request, response or trailers). */
  public Fields freeze() {
    immutable = true;
    return this;
  }

  /** Whether changes are refused. */
  public boolean isImmutable() {
    return immutable;
  }

  /** The number of field lines. */
  public int size() {
    return entries.size();
  }

  private void checkMutable(String name) {
    if (immutable) {
      throw new HeaderException(HeaderError.IMMUTABLE, "cannot change field " + name);
    }
  }

  private static void checkName(String name) {
    Optional<HeaderError> error = FieldRules.checkName(name);
    if (error.isPresent()) {
      throw new HeaderException(error.get(), "field name '" + name + "'");
    }
  }

  private static void checkValue(String name, byte[] value) {
    if (!FieldRules.validValue(value)) {
      throw new HeaderException(HeaderError.INVALID_SYNTAX, "value of field " + name);
    }
  }

  @Override
  public String toString() {
    return "Fields" + entries + (immutable ? " (immutable)" : "");
  }
}
