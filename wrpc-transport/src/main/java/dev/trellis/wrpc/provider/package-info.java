/**
 * The Java SDK for wRPC providers: implement a WIT interface with {@link
 * dev.trellis.wrpc.provider.ProvidedInterface} and serve it with {@link
 * dev.trellis.wrpc.provider.ProviderRunner}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   ProvidedInterface greeter = ProvidedInterface.builder("example:greet/greeter@0.1.0")
 *       .function("greet", List.of(STRING), List.of(STRING),
 *           a -> List.of(WitValue.string("Hello, " + a.string(0))))
 *       .build();
 *   ProviderRunner.create(ProviderConfig.fromEnvironment(System.getenv()), List.of(greeter)).run();
 * }
 * }</pre>
 *
 * <p>Health: a running provider publishes a heartbeat every {@code heartbeatInterval} (15 s by
 * default) on {@code trellis.provider.heartbeat.{providerId}}, with header {@code
 * Trellis-Heartbeat-Interval-Ms} and a JSON body {@code {"id", "prefix", "state", "started_at",
 * "time", "in_flight", "served", "failed", "interval_ms", "subjects"}}; {@code state} is {@code
 * serving}, then {@code draining} and {@code stopped} on shutdown. A provider silent for three
 * intervals should be considered gone.
 */
package dev.trellis.wrpc.provider;
