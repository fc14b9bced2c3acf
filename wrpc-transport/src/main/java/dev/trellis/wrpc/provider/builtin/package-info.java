/**
 * Capability providers that ship with Trellis, each run as its own process by {@code trellis
 * provider ...} and served with {@link dev.trellis.wrpc.provider.ProviderRunner}.
 *
 * <h2>{@code keyvalue-redis}: {@code wasi:keyvalue@0.2.0-draft} on Redis</h2>
 *
 * {@link dev.trellis.wrpc.provider.builtin.RedisKeyValueProvider} serves {@code
 * wasi:keyvalue/store}, {@code atomics} and {@code batch} exactly as the WIT at WebAssembly/
 * wasi-keyvalue tag {@code v0.2.0-draft} declares them ({@link
 * dev.trellis.wrpc.provider.builtin.KeyValueWit}), bucket resource included: {@code open} returns
 * an {@code own<bucket>}, every other function takes a {@code borrow<bucket>}, both carried with
 * the codec's handle support as wRPC's opaque handle bytes. The provider makes those bytes the
 * bucket identifier ({@link dev.trellis.wrpc.provider.builtin.NamedHandles}), as upstream wrpc's
 * in-memory keyvalue provider does, so a handle survives a provider restart and is valid on every
 * replica. A client must decode {@code own<bucket>} with a {@link
 * dev.trellis.wrpc.codec.HandleCodec} that keeps unknown handle bytes, such as {@link
 * dev.trellis.wrpc.codec.HandleTable}. Redis is spoken directly (RESP2, {@code RespConnection} says
 * why no client library); bucket {@code b}'s key {@code k} is Redis key {@code {key-prefix}b:k}.
 *
 * <h2>{@code blobstore-fs}: {@code wrpc:blobstore/blobstore@0.2.0} on a directory</h2>
 *
 * {@link dev.trellis.wrpc.provider.builtin.FsBlobstoreProvider} serves the interface wasmCloud's
 * blobstore providers serve over wRPC ({@link dev.trellis.wrpc.provider.builtin.BlobstoreWit}), not
 * {@code wasi:blobstore@0.2.0-draft} itself. That is a deliberate deviation: {@code
 * wasi:blobstore@0.2.0-draft} passes object data through {@code wasi:io} {@code input-stream} and
 * {@code output-stream} resources inside {@code incoming-value}/{@code outgoing-value} resources,
 * whose every write, read and poll would be its own network round trip, and which no wRPC
 * implementation carries ({@code output-stream} not at all); its {@code container} resource alone
 * would map onto handles but the data path would not. {@code wrpc:blobstore} is the same operations
 * with containers named by string and data as wRPC {@code stream<u8>}; a host bridges a guest's
 * {@code wasi:blobstore} imports onto it. Every name is confined to the root directory.
 */
package dev.trellis.wrpc.provider.builtin;
