package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.Bin.component;
import static dev.trellis.host.engine.binary.Bin.externName;
import static dev.trellis.host.engine.binary.Bin.of;
import static dev.trellis.host.engine.binary.Bin.section;
import static dev.trellis.host.engine.binary.Bin.str;
import static dev.trellis.host.engine.binary.Bin.vec;
import static dev.trellis.host.engine.binary.Bin.vecSection;

import java.util.List;

/**
 * Hand-assembled valid components shaped like wit-component output (imported WASI-style instance
 * types with resources, a core module, shim-style bags, lowered and lifted functions, a nested
 * re-export component, typed exports) and using every section and type form the decoder supports.
 * They are the seeds of the fuzz test.
 */
final class SampleComponents {
  private SampleComponents() {}

  /** All seeds. */
  static List<byte[]> all() {
    return List.of(kitchenSink(), guestShape(), component());
  }

  /** A guest-shaped component: imports an interface, lifts an export through a nested component. */
  static byte[] guestShape() {
    byte[] nested =
        component(
            vecSection(7, of(0x40, 0x00, 0x01, 0x00)),
            vecSection(10, externName("import-func-run").u8(0x01, 0x00)),
            vecSection(11, externName("run").u8(0x01, 0x00, 0x01, 0x01, 0x00)));
    return component(
        vecSection(7, streamsInstanceType()),
        vecSection(10, externName("wasi:io/streams@0.2.0").u8(0x05, 0x00)),
        vecSection(6, of(0x03, 0x00, 0x00).append(str("output-stream"))),
        section(1, Bin.of().raw(Bin.EMPTY_CORE_MODULE)),
        vecSection(2, of(0x00, 0x00, 0x00)),
        vecSection(
            6,
            of(0x00, 0x00, 0x01, 0x00).append(str("run")),
            of(0x00, 0x02, 0x01, 0x00).append(str("memory"))),
        vecSection(7, of(0x40, 0x00, 0x01, 0x00)),
        vecSection(8, of(0x00, 0x00, 0x00).append(vec(of(0x00), of(0x03, 0x00))).u8(0x02)),
        section(4, Bin.of().raw(nested)),
        vecSection(5, of(0x00, 0x00).append(vec(str("import-func-run").u8(0x01, 0x00)))),
        vecSection(11, externName("wasi:cli/run@0.2.0").u8(0x05, 0x01, 0x00)),
        section(0, str("producers").u8(0x01, 0x00)));
  }

  private static Bin streamsInstanceType() {
    return of(0x42)
        .append(
            vec(
                of(0x04).append(externName("output-stream")).u8(0x03, 0x01),
                of(0x01, 0x68, 0x00),
                of(0x01, 0x70, 0x7d),
                of(0x01, 0x6a, 0x00, 0x00),
                of(0x01, 0x40)
                    .append(vec(str("self").u8(0x01), str("contents").u8(0x02)))
                    .u8(0x00, 0x03),
                of(0x04).append(externName("[method]output-stream.write")).u8(0x01, 0x04)));
  }

  /** Every section kind and type form in one component. */
  static byte[] kitchenSink() {
    return component(
        section(0, str("component-name").append(section(0, str("sink")))),
        section(1, Bin.of().raw(Bin.EMPTY_CORE_MODULE).u8(0x00, 0x02, 0x01, 0x61)),
        vecSection(3, of(0x60, 0x02, 0x7f, 0x7e, 0x01, 0x7d), coreModuleType()),
        vecSection(
            2,
            of(0x00, 0x00).append(vec(str("env").u8(0x12, 0x00))),
            of(0x01).append(vec(str("f").u8(0x00, 0x00)))),
        vecSection(7, valueTypes()),
        vecSection(
            7, of(0x3f, 0x7f, 0x00), of(0x3f, 0x7f, 0x01, 0x00), of(0x69, 0x0e), of(0x68, 0x0e)),
        vecSection(7, componentType(), of(0x43, 0x00, 0x01, 0x00)),
        vecSection(
            10,
            of(0x02)
                .append(str("kv"))
                .append(vec(of(0x00).append(str("wasi:keyvalue/store@0.2.0"))))
                .u8(0x05, 0x00)),
        vecSection(
            6, of(0x00, 0x00, 0x01, 0x00).append(str("f")), of(0x00, 0x10, 0x02, 0x01, 0x00)),
        vecSection(8, canons()),
        vecSection(5, of(0x01).append(vec(of(0x01).append(str("g")).u8(0x01, 0x00)))),
        vecSection(
            11,
            externName("t").u8(0x03, 0x00, 0x01, 0x03, 0x00, 0x00),
            externName("m").u8(0x00, 0x11, 0x00, 0x00)));
  }

  private static Bin coreModuleType() {
    return of(0x50)
        .append(
            vec(
                of(0x01, 0x60, 0x00, 0x00),
                of(0x02, 0x10, 0x01, 0x01, 0x00),
                of(0x00).append(str("a")).append(str("f")).u8(0x00, 0x00),
                of(0x00).append(str("a")).append(str("t")).u8(0x01, 0x70, 0x01, 0x01, 0x02),
                of(0x00).append(str("a")).append(str("m")).u8(0x02, 0x08, 0x00, 0x10),
                of(0x00).append(str("a")).append(str("g")).u8(0x03, 0x63, 0x00, 0x01),
                of(0x03).append(str("e")).u8(0x04, 0x00, 0x00)));
  }

  private static Bin[] valueTypes() {
    return new Bin[] {
      of(0x72).append(vec(str("x").u8(0x7a), str("y").u8(0x73))),
      of(0x71).append(vec(str("a").u8(0x01, 0x00, 0x00), str("b").u8(0x00, 0x00))),
      of(0x70, 0x7d),
      of(0x67, 0x75, 0x04),
      of(0x6f).append(vec(of(0x7f), of(0x74))),
      of(0x6e).append(vec(str("r"), str("w"))),
      of(0x6d).append(vec(str("red"))),
      of(0x6b, 0x02),
      of(0x6a, 0x01, 0x00, 0x01, 0x73),
      of(0x66, 0x01, 0x7d),
      of(0x65, 0x00),
      of(0x63, 0x73, 0x77),
      of(0x64),
      of(0x79),
    };
  }

  private static Bin componentType() {
    return of(0x41)
        .append(
            vec(
                of(0x00, 0x60, 0x00, 0x00),
                of(0x01, 0x42).append(vec(of(0x04).append(externName("r")).u8(0x03, 0x01))),
                of(0x03).append(externName("i")).u8(0x05, 0x00),
                of(0x02, 0x03, 0x00, 0x00).append(str("r")),
                of(0x04).append(externName("e")).u8(0x03, 0x00, 0x01)));
  }

  private static Bin[] canons() {
    return new Bin[] {
      of(0x00, 0x00, 0x00)
          .append(vec(of(0x01), of(0x03, 0x00), of(0x04, 0x00), of(0x05, 0x00)))
          .u8(0x10),
      of(0x01, 0x00, 0x00).append(vec(of(0x02), of(0x06), of(0x07, 0x00))),
      of(0x02, 0x0e),
      of(0x03, 0x0e),
      of(0x04, 0x0e),
    };
  }
}
