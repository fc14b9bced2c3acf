package dev.trellis.wrpc.provider.builtin;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;

import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import java.util.List;
import java.util.Optional;

/**
 * {@code wrpc:blobstore/blobstore@0.2.0}, the blobstore interface wasmCloud's blobstore providers
 * serve over wRPC: the WIT of wrpc/blobstore at tag {@code v0.2.0} (commit fcc2dfc), "based on
 * {@code wasi:blobstore@0.2.0-draft}" with containers named by string instead of {@code container}
 * resources, and object data as wRPC {@code stream<u8>} instead of {@code wasi:io} streams and
 * {@code outgoing-value}/{@code incoming-value} resources. Types come from {@code
 * wasi:blobstore/types@0.2.0-draft} ({@code object-id}) and {@code wrpc:blobstore/types} (the
 * metadata records without the names the caller already has).
 *
 * <pre>
 * record object-id { container: string, object: string }
 * record container-metadata { created-at: u64 }
 * record object-metadata { created-at: u64, size: u64 }
 * clear-container: func(name: string) -&gt; result&lt;_, string&gt;
 * container-exists: func(name: string) -&gt; result&lt;bool, string&gt;
 * create-container: func(name: string) -&gt; result&lt;_, string&gt;
 * delete-container: func(name: string) -&gt; result&lt;_, string&gt;
 * get-container-info: func(name: string) -&gt; result&lt;container-metadata, string&gt;
 * list-container-objects: func(name: string, limit: option&lt;u64&gt;, offset: option&lt;u64&gt;)
 *     -&gt; result&lt;tuple&lt;stream&lt;string&gt;, future&lt;result&lt;_, string&gt;&gt;&gt;, string&gt;
 * copy-object: func(src: object-id, dest: object-id) -&gt; result&lt;_, string&gt;
 * delete-object: func(id: object-id) -&gt; result&lt;_, string&gt;
 * delete-objects: func(container: string, objects: list&lt;string&gt;) -&gt; result&lt;_, string&gt;
 * get-container-data: func(id: object-id, start: u64, end: u64)
 *     -&gt; result&lt;tuple&lt;stream&lt;u8&gt;, future&lt;result&lt;_, string&gt;&gt;&gt;, string&gt;
 * get-object-info: func(id: object-id) -&gt; result&lt;object-metadata, string&gt;
 * has-object: func(id: object-id) -&gt; result&lt;bool, string&gt;
 * move-object: func(src: object-id, dest: object-id) -&gt; result&lt;_, string&gt;
 * write-container-data: func(id: object-id, data: stream&lt;u8&gt;)
 *     -&gt; result&lt;future&lt;result&lt;_, string&gt;&gt;, string&gt;
 * </pre>
 *
 * <p>The futures report how the transfer ended: a read or write can fail after the call has
 * returned {@code ok}.
 */
public final class BlobstoreWit {
  private BlobstoreWit() {}

  /** {@code wrpc:blobstore/blobstore@0.2.0}. */
  public static final String INSTANCE = "wrpc:blobstore/blobstore@0.2.0";

  /** {@code record object-id}. */
  public static final RecordType OBJECT_ID =
      WitType.record(
          "object-id", WitType.field("container", STRING), WitType.field("object", STRING));

  /** {@code record container-metadata}. */
  public static final RecordType CONTAINER_METADATA =
      WitType.record("container-metadata", WitType.field("created-at", U64));

  /** {@code record object-metadata}. */
  public static final RecordType OBJECT_METADATA =
      WitType.record(
          "object-metadata", WitType.field("created-at", U64), WitType.field("size", U64));

  /** {@code result<_, string>}. */
  public static final ResultType UNIT = new ResultType(Optional.empty(), Optional.of(STRING));

  /** {@code future<result<_, string>>}: how a transfer ended. */
  public static final FutureType DONE = new FutureType(Optional.of(UNIT));

  /** {@code stream<u8>}. */
  public static final StreamType BYTES = new StreamType(Optional.of(U8));

  /** {@code stream<string>}. */
  public static final StreamType NAMES = new StreamType(Optional.of(STRING));

  public static final WrpcFunction CLEAR_CONTAINER = unit("clear-container", STRING);
  public static final WrpcFunction CONTAINER_EXISTS =
      of("container-exists", List.of(STRING), WitType.result(BOOL, STRING));
  public static final WrpcFunction CREATE_CONTAINER = unit("create-container", STRING);
  public static final WrpcFunction DELETE_CONTAINER = unit("delete-container", STRING);
  public static final WrpcFunction GET_CONTAINER_INFO =
      of("get-container-info", List.of(STRING), WitType.result(CONTAINER_METADATA, STRING));
  public static final WrpcFunction LIST_CONTAINER_OBJECTS =
      of(
          "list-container-objects",
          List.of(STRING, WitType.option(U64), WitType.option(U64)),
          WitType.result(WitType.tuple(NAMES, DONE), STRING));
  public static final WrpcFunction COPY_OBJECT = unit("copy-object", OBJECT_ID, OBJECT_ID);
  public static final WrpcFunction DELETE_OBJECT = unit("delete-object", OBJECT_ID);
  public static final WrpcFunction DELETE_OBJECTS =
      unit("delete-objects", STRING, WitType.list(STRING));
  public static final WrpcFunction GET_CONTAINER_DATA =
      of(
          "get-container-data",
          List.of(OBJECT_ID, U64, U64),
          WitType.result(WitType.tuple(BYTES, DONE), STRING));
  public static final WrpcFunction GET_OBJECT_INFO =
      of("get-object-info", List.of(OBJECT_ID), WitType.result(OBJECT_METADATA, STRING));
  public static final WrpcFunction HAS_OBJECT =
      of("has-object", List.of(OBJECT_ID), WitType.result(BOOL, STRING));
  public static final WrpcFunction MOVE_OBJECT = unit("move-object", OBJECT_ID, OBJECT_ID);
  public static final WrpcFunction WRITE_CONTAINER_DATA =
      of("write-container-data", List.of(OBJECT_ID, BYTES), WitType.result(DONE, STRING));

  /** Every function, in WIT order. */
  public static final List<WrpcFunction> ALL =
      List.of(
          CLEAR_CONTAINER,
          CONTAINER_EXISTS,
          CREATE_CONTAINER,
          DELETE_CONTAINER,
          GET_CONTAINER_INFO,
          LIST_CONTAINER_OBJECTS,
          COPY_OBJECT,
          DELETE_OBJECT,
          DELETE_OBJECTS,
          GET_CONTAINER_DATA,
          GET_OBJECT_INFO,
          HAS_OBJECT,
          MOVE_OBJECT,
          WRITE_CONTAINER_DATA);

  private static WrpcFunction of(String name, List<WitType> params, WitType result) {
    return WrpcFunction.of(INSTANCE, name, params, List.of(result));
  }

  private static WrpcFunction unit(String name, WitType... params) {
    return of(name, List.of(params), UNIT);
  }
}
