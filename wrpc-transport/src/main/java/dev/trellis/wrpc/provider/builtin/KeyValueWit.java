package dev.trellis.wrpc.provider.builtin;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;

import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.BorrowType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:keyvalue@0.2.0-draft} as wRPC carries it: the WIT of WebAssembly/wasi-keyvalue at tag
 * {@code v0.2.0-draft} (commit 219ea36), interfaces {@code store}, {@code atomics} and {@code
 * batch}, transcribed type by type. Provider and clients share these values so they agree on
 * subjects and encodings; a client must decode {@code own<bucket>} with these very functions
 * (resource types are nominal).
 *
 * <pre>
 * variant error { no-such-store, access-denied, other(string) }
 * record key-response { keys: list&lt;string&gt;, cursor: option&lt;u64&gt; }
 * open: func(identifier: string) -&gt; result&lt;bucket, error&gt;
 * resource bucket {
 *   get: func(key: string) -&gt; result&lt;option&lt;list&lt;u8&gt;&gt;, error&gt;
 *   set: func(key: string, value: list&lt;u8&gt;) -&gt; result&lt;_, error&gt;
 *   delete: func(key: string) -&gt; result&lt;_, error&gt;
 *   exists: func(key: string) -&gt; result&lt;bool, error&gt;
 *   list-keys: func(cursor: option&lt;u64&gt;) -&gt; result&lt;key-response, error&gt;
 * }
 * increment: func(bucket: borrow&lt;bucket&gt;, key: string, delta: u64) -&gt; result&lt;u64, error&gt;
 * get-many: func(bucket: borrow&lt;bucket&gt;, keys: list&lt;string&gt;)
 *     -&gt; result&lt;list&lt;option&lt;tuple&lt;string, list&lt;u8&gt;&gt;&gt;&gt;, error&gt;
 * set-many: func(bucket: borrow&lt;bucket&gt;, key-values: list&lt;tuple&lt;string, list&lt;u8&gt;&gt;&gt;)
 *     -&gt; result&lt;_, error&gt;
 * delete-many: func(bucket: borrow&lt;bucket&gt;, keys: list&lt;string&gt;) -&gt; result&lt;_, error&gt;
 * </pre>
 *
 * <p>Methods take the bucket as their first param ({@code self}) and travel as {@code bucket.get}
 * etc. on the wire, as wRPC names {@code [method]bucket.get}.
 */
public final class KeyValueWit {
  private KeyValueWit() {}

  /** The package version. */
  public static final String VERSION = "0.2.0-draft";

  /** {@code wasi:keyvalue/store@0.2.0-draft}. */
  public static final String STORE = "wasi:keyvalue/store@" + VERSION;

  /** {@code wasi:keyvalue/atomics@0.2.0-draft}. */
  public static final String ATOMICS = "wasi:keyvalue/atomics@" + VERSION;

  /** {@code wasi:keyvalue/batch@0.2.0-draft}. */
  public static final String BATCH = "wasi:keyvalue/batch@" + VERSION;

  /** {@code resource bucket}. */
  public static final ResourceType BUCKET = new ResourceType("bucket");

  /** {@code variant error}. */
  public static final VariantType ERROR =
      WitType.variant(
          "error",
          WitType.variantCase("no-such-store"),
          WitType.variantCase("access-denied"),
          WitType.variantCase("other", STRING));

  /** {@code record key-response}. */
  public static final RecordType KEY_RESPONSE =
      WitType.record(
          "key-response",
          WitType.field("keys", WitType.list(STRING)),
          WitType.field("cursor", WitType.option(U64)));

  private static final WitType BYTES = WitType.list(U8);
  private static final WitType SELF = new BorrowType(BUCKET);
  private static final ResultType UNIT = new ResultType(Optional.empty(), Optional.of(ERROR));

  /** {@code open}. */
  public static final WrpcFunction OPEN =
      WrpcFunction.of(
          STORE, "open", List.of(STRING), List.of(WitType.result(new OwnType(BUCKET), ERROR)));

  /** {@code [method]bucket.get}. */
  public static final WrpcFunction GET =
      method("get", List.of(STRING), WitType.result(WitType.option(BYTES), ERROR));

  /** {@code [method]bucket.set}. */
  public static final WrpcFunction SET = method("set", List.of(STRING, BYTES), UNIT);

  /** {@code [method]bucket.delete}. */
  public static final WrpcFunction DELETE = method("delete", List.of(STRING), UNIT);

  /** {@code [method]bucket.exists}. */
  public static final WrpcFunction EXISTS =
      method("exists", List.of(STRING), WitType.result(BOOL, ERROR));

  /** {@code [method]bucket.list-keys}. */
  public static final WrpcFunction LIST_KEYS =
      method("list-keys", List.of(WitType.option(U64)), WitType.result(KEY_RESPONSE, ERROR));

  /** {@code atomics.increment}. */
  public static final WrpcFunction INCREMENT =
      WrpcFunction.of(
          ATOMICS, "increment", List.of(SELF, STRING, U64), List.of(WitType.result(U64, ERROR)));

  /** {@code batch.get-many}. */
  public static final WrpcFunction GET_MANY =
      WrpcFunction.of(
          BATCH,
          "get-many",
          List.of(SELF, WitType.list(STRING)),
          List.of(
              WitType.result(WitType.list(WitType.option(WitType.tuple(STRING, BYTES))), ERROR)));

  /** {@code batch.set-many}. */
  public static final WrpcFunction SET_MANY =
      WrpcFunction.of(
          BATCH,
          "set-many",
          List.of(SELF, WitType.list(WitType.tuple(STRING, BYTES))),
          List.of(UNIT));

  /** {@code batch.delete-many}. */
  public static final WrpcFunction DELETE_MANY =
      WrpcFunction.of(BATCH, "delete-many", List.of(SELF, WitType.list(STRING)), List.of(UNIT));

  /** Every function, in WIT order. */
  public static final List<WrpcFunction> ALL =
      List.of(
          OPEN, GET, SET, DELETE, EXISTS, LIST_KEYS, INCREMENT, GET_MANY, SET_MANY, DELETE_MANY);

  private static WrpcFunction method(String name, List<WitType> params, WitType result) {
    List<WitType> all = new java.util.ArrayList<>();
    all.add(SELF);
    all.addAll(params);
    return WrpcFunction.of(STORE, "[method]bucket." + name, all, List.of(result));
  }
}
