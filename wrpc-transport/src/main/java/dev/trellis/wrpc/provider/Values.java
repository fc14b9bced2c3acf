package dev.trellis.wrpc.provider;

import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Builders for result values that {@link WitValue}'s own factories make verbose: byte lists and
 * string lists from their Java forms.
 */
public final class Values {
  private Values() {}

  /** A {@code list<u8>}. */
  public static WitValue.ListValue bytes(byte[] data) {
    List<WitValue> out = new ArrayList<>(data.length);
    for (byte b : data) {
      out.add(WitValue.U8Value.of(b & 0xFF));
    }
    return new WitValue.ListValue(out);
  }

  /** A list of strings. */
  public static WitValue.ListValue strings(List<String> values) {
    return new WitValue.ListValue(
        values.stream().map(s -> (WitValue) new WitValue.StringValue(s)).toList());
  }
}
