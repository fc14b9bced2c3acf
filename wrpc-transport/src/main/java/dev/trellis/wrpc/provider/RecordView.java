package dev.trellis.wrpc.provider;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/** Typed access to the fields of a WIT record param, by field name. */
public final class RecordView {
  private final WitValue.RecordValue record;
  private final String where;

  RecordView(WitValue.RecordValue record, String where) {
    this.record = record;
    this.where = where;
  }

  /** The field's value. */
  public WitValue get(String field) {
    return record
        .get(field)
        .orElseThrow(() -> new ProviderArgumentException(where, "a field " + field, record));
  }

  public boolean bool(String field) {
    return Read.bool(get(field), at(field));
  }

  /** Any integer field as a {@code long} ({@code u64} as its 64 bits). */
  public long integer(String field) {
    return Read.integer(get(field), at(field));
  }

  public double number(String field) {
    return Read.number(get(field), at(field));
  }

  public String string(String field) {
    return Read.string(get(field), at(field));
  }

  public byte[] bytes(String field) {
    return Read.bytes(get(field), at(field));
  }

  public List<WitValue> list(String field) {
    return Read.list(get(field), at(field));
  }

  public RecordView record(String field) {
    return Read.record(get(field), at(field));
  }

  public WitValue.VariantValue variant(String field) {
    return Read.variant(get(field), at(field));
  }

  public String enumCase(String field) {
    return Read.enumCase(get(field), at(field));
  }

  public Optional<WitValue> option(String field) {
    return Read.option(get(field), at(field));
  }

  /** The record itself. */
  public WitValue.RecordValue value() {
    return record;
  }

  private String at(String field) {
    return where + "." + field;
  }
}
