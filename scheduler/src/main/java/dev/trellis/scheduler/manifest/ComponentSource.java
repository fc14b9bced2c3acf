package dev.trellis.scheduler.manifest;

/**
 * Where a component's code comes from: an image this application pulls, or a component that a
 * shared application already runs. A manifest gives exactly one of the two, so it is a closed
 * choice.
 */
public sealed interface ComponentSource permits ComponentSource.Image, ComponentSource.Shared {

  /**
   * An image to pull: {@code file://} or an OCI reference.
   *
   * @param reference the reference, checked by {@link ImageReferences#isValid}
   */
  record Image(String reference) implements ComponentSource {
    public Image {
      Checks.text(reference, "image");
      if (!ImageReferences.isValid(reference)) {
        throw new IllegalArgumentException(ImageReferences.describeInvalid(reference));
      }
    }
  }

  /**
   * A component run by another application marked {@code experimental.wasmcloud.dev/shared}.
   *
   * @param application the shared application's name
   * @param component the component's name in that application
   */
  record Shared(String application, String component) implements ComponentSource {
    public Shared {
      Checks.text(application, "shared application name");
      Checks.text(component, "shared component name");
    }
  }
}
