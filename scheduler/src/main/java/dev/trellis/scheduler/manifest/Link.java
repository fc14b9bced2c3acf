package dev.trellis.scheduler.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A {@code link} trait: the component carrying it calls (imports) {@code
 * namespace:package/interfaces} and the target serves them. {@code name} tells several links of the
 * same package apart (what {@code store::open(name)} picks).
 *
 * <p>Trellis extension: {@value #TRANSPORT_FIELD}{@code : wrpc} in the trait's properties forces
 * the link over wRPC ({@link LinkTransport#WRPC}); absent, it is {@link LinkTransport#AUTO}.
 *
 * @param name link name, {@value #DEFAULT_NAME} when omitted
 * @param namespace WIT namespace, e.g. {@code wasi}
 * @param witPackage WIT package, e.g. {@code keyvalue} ({@code package} in a manifest)
 * @param interfaces WIT interfaces, at least one
 * @param source config and secrets for the source end
 * @param target the target component and its config and secrets
 * @param transport in-process when possible, or forced over wRPC
 */
public record Link(
    String name,
    String namespace,
    String witPackage,
    List<String> interfaces,
    LinkSource source,
    LinkTarget target,
    LinkTransport transport)
    implements Trait {
  /** The trait type in a manifest. */
  public static final String TYPE = "link";

  /** wadm's default link name. */
  public static final String DEFAULT_NAME = "default";

  /** The Trellis extension field, in a link's properties, that selects the transport. */
  public static final String TRANSPORT_FIELD = "trellis.dev/transport";

  public Link {
    Checks.text(name, "link name");
    Checks.text(namespace, "link namespace");
    Checks.text(witPackage, "link package");
    interfaces = Checks.list(interfaces, "link interfaces");
    if (interfaces.isEmpty()) {
      throw new IllegalArgumentException("a link needs at least one interface");
    }
    interfaces.forEach(i -> Checks.text(i, "link interface"));
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(transport, "transport");
  }

  /** A default-named, auto-transport link to {@code target} with no config. */
  public static Link to(String target, String namespace, String witPackage, String... interfaces) {
    return new Link(
        DEFAULT_NAME,
        namespace,
        witPackage,
        List.of(interfaces),
        LinkSource.EMPTY,
        LinkTarget.named(target),
        LinkTransport.AUTO);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
