package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.image.FetchedImage;
import dev.trellis.host.image.ImageFetcher;
import dev.trellis.host.image.ImageRef;
import dev.trellis.host.image.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the images of a workload (honouring each component's pull policy and secret) and loads
 * each distinct binary once per digest: every workload that uses the same bytes shares one {@link
 * ComponentDefinition}, so a second start of an image decodes and compiles nothing. Thread-safe;
 * one per host.
 */
public final class ImageLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

  private final ImageFetcher fetcher;
  private final Engine engine;
  private final ConcurrentMap<String, ComponentDefinition> definitions = new ConcurrentHashMap<>();

  public ImageLoader(ImageFetcher fetcher, Engine engine) {
    this.fetcher = fetcher;
    this.engine = engine;
  }

  /**
   * Fetches and loads every component and the service of {@code spec}.
   *
   * @throws WorkloadException naming the component and the cause ({@code image pull failed ...},
   *     {@code ... does not load: ...})
   */
  List<LoadedComponent> load(WorkloadSpec spec) {
    List<LoadedComponent> out = new ArrayList<>();
    for (WorkloadSpec.Component c : spec.all()) {
      FetchedImage image = fetch(spec, c);
      out.add(new LoadedComponent(c, image, definition(c, image)));
    }
    return out;
  }

  /** How many distinct component binaries are loaded. */
  public int loadedCount() {
    return definitions.size();
  }

  private FetchedImage fetch(WorkloadSpec spec, WorkloadSpec.Component c) {
    ProgressListener progress =
        (ref, soFar, total) ->
            LOG.debug(
                "image_pull_progress workload_id={} component={} ref={} bytes={} total={}",
                spec.id(),
                c.name(),
                ref,
                soFar,
                total);
    try {
      FetchedImage image =
          fetcher.fetch(ImageRef.parse(c.image()), c.pullPolicy(), c.pullSecret(), progress);
      LOG.info(
          "image_fetched workload_id={} component={} ref={} digest={} source={}",
          spec.id(),
          c.name(),
          c.image(),
          image.digest(),
          image.source());
      return image;
    } catch (HostException e) {
      throw new WorkloadException(
          "image pull failed for component '" + c.name() + "': " + e.getMessage(), e);
    }
  }

  private ComponentDefinition definition(WorkloadSpec.Component c, FetchedImage image) {
    ComponentDefinition known = definitions.get(image.digest());
    if (known != null) {
      return known;
    }
    try {
      ComponentDefinition loaded = engine.load(c.name(), image.readBytes());
      ComponentDefinition raced = definitions.putIfAbsent(image.digest(), loaded);
      return raced == null ? loaded : raced;
    } catch (HostException | java.io.UncheckedIOException e) {
      throw new WorkloadException(
          "component '" + c.name() + "' (" + c.image() + ") does not load: " + e.getMessage(), e);
    }
  }
}
