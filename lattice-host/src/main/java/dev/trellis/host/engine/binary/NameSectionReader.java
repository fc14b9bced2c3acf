package dev.trellis.host.engine.binary;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the {@code component-name} custom section. The spec asks engines not to reject a
 * component for a malformed name section, so any decoding failure here yields no names instead of
 * an error; the raw payload stays available in the custom section.
 */
final class NameSectionReader {
  /** The custom section name that holds component debug names. */
  static final String SECTION_NAME = "component-name";

  private static final int COMPONENT_NAME = 0x00;
  private static final int SORT_NAMES = 0x01;

  private NameSectionReader() {}

  /** The decoded names, or empty when the payload is malformed. */
  static Optional<ComponentNames> tryDecode(Bytes payload) {
    ByteReader r = ByteReader.of(payload.toArray(), SECTION_NAME);
    try {
      return Optional.of(decode(r));
    } catch (ComponentDecodeException malformed) {
      // Deliberately tolerated: a bad name section must not make a component unusable.
      return Optional.empty();
    }
  }

  private static ComponentNames decode(ByteReader r) {
    Optional<String> componentName = Optional.empty();
    var names = new EnumMap<Sort, Map<Integer, String>>(Sort.class);
    while (!r.atEnd()) {
      int id = r.u8();
      ByteReader sub = r.slice(r.u32(), SECTION_NAME);
      if (id == COMPONENT_NAME) {
        componentName = Optional.of(sub.name());
        sub.expectEnd();
      } else if (id == SORT_NAMES) {
        Sort sort = ExternReader.sort(sub);
        Map<Integer, String> map = names.computeIfAbsent(sort, s -> new HashMap<>());
        int count = sub.count();
        for (int i = 0; i < count; i++) {
          map.put(sub.index(), sub.name());
        }
        sub.expectEnd();
      }
    }
    return new ComponentNames(componentName, names);
  }
}
