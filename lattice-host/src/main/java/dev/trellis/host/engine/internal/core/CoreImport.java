package dev.trellis.host.engine.internal.core;

import com.dylibso.chicory.wasm.types.ExternalType;
import java.util.Objects;

/**
 * One import of a core module as the component sees it: the original module and field names (the
 * instantiation argument and export to take it from), plus the name Chicory's parser knows it by.
 *
 * @param module the import's module name, i.e. the instantiation argument name
 * @param name the import's field name, i.e. the export to take from that argument
 * @param chicoryModule the module name in the parsed module (differs only for {@code ""})
 * @param kind what is imported
 */
public record CoreImport(String module, String name, String chicoryModule, ExternalType kind) {
  public CoreImport {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chicoryModule, "chicoryModule");
    Objects.requireNonNull(kind, "kind");
  }
}
