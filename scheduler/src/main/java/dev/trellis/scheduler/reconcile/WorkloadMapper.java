package dev.trellis.scheduler.reconcile;

import com.google.protobuf.CodedOutputStream;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WitWorld;
import dev.trellis.proto.v2.Workload;
import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.ComponentSource;
import dev.trellis.scheduler.manifest.ComponentType;
import dev.trellis.scheduler.manifest.ConfigRef;
import dev.trellis.scheduler.manifest.Link;
import dev.trellis.scheduler.manifest.LinkTransport;
import dev.trellis.scheduler.manifest.Scaler;
import dev.trellis.scheduler.store.ConfigStore.Lookup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a deployed {@link Application} into Host API workloads, one {@link ScalerSpec} per scaler.
 *
 * <ul>
 *   <li>Components joined by links (transport {@code auto}) form one group and run together in one
 *       workload, linked in-process by the host. The group's first component with scalers leads:
 *       its scalers decide how many workloads run and where.
 *   <li>A link to (or from) a well-known wasmCloud capability image ({@link Capabilities}) becomes
 *       a {@code host_interfaces} entry served by the host's built-in plugin: the link's namespace,
 *       package and interfaces, the config meant for the capability, and {@value
 *       Capabilities#PLUGIN_KEY} naming the plugin.
 *   <li>Any other capability, a shared component, a component in another group, and every link
 *       marked {@code trellis.dev/transport: wrpc} become entries whose config carries {@value
 *       Capabilities#WRPC_NAME_KEY}: the id of the component serving the interface. Imports are
 *       then called over wRPC; a component receiving such a link exports it under its own id.
 *   <li>Configs of a component become its {@code local_resources.config}.
 *   <li>A config without {@code properties} names a stored config ({@link NamedConfigs}): its
 *       stored values go exactly where owned values would, in list order, later configs overriding
 *       earlier ones. They are part of the workload definition and so of its hash: a changed stored
 *       config rolls the instances over. A scaler whose workload references a missing or malformed
 *       one is {@linkplain ScalerSpec#unresolved() unresolved}.
 * </ul>
 *
 * Pure: the same application and named configs always map to the same workloads and hashes.
 */
public final class WorkloadMapper {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadMapper.class);

  private WorkloadMapper() {}

  /**
   * What {@code application} (its deployed version) wants running when no named config is stored
   * (every config without properties is missing).
   */
  public static DesiredApp map(Application application) {
    return map(application, NamedConfigs.none(Subjects.configBucket(Subjects.DEFAULT_LATTICE)));
  }

  /** What {@code application} (its deployed version) wants running, given its named configs. */
  public static DesiredApp map(Application application, NamedConfigs named) {
    return map(application, named, Map.of());
  }

  /**
   * What {@code application} (its deployed version) wants running, given its named configs and the
   * lattice ids of the shared components it links to ({@link #sharedKey}; a reference missing there
   * gets the shared component's default id).
   */
  public static DesiredApp map(
      Application application, NamedConfigs named, Map<String, String> sharedIds) {
    List<ScalerSpec> scalers = new ArrayList<>();
    for (List<dev.trellis.scheduler.manifest.Component> group : groups(application)) {
      Optional<dev.trellis.scheduler.manifest.Component> lead =
          group.stream().filter(c -> !c.scalers().isEmpty()).findFirst();
      if (lead.isEmpty()) {
        continue; // as wadm: a component without a scaler does not run
      }
      group.stream()
          .filter(c -> c != lead.get() && !c.scalers().isEmpty())
          .forEach(
              c ->
                  LOG.warn(
                      "scaler_ignored app={} component={} placed_with={}",
                      application.name(),
                      c.name(),
                      lead.get().name()));
      Resolver resolver = new Resolver(named, sharedIds);
      Workload base = workload(application, group, lead.get(), resolver);
      scalers.addAll(specs(application, lead.get(), base, resolver.unresolved()));
    }
    return new DesiredApp(
        application.name(), Optional.of(application.version()), scalers, passive(application));
  }

  private static List<ScalerSpec> specs(
      Application app,
      dev.trellis.scheduler.manifest.Component lead,
      Workload base,
      Optional<ScalerSpec.Unresolved> unresolved) {
    String hash = hash(base);
    List<Scaler> traits = lead.scalers();
    List<ScalerSpec> specs = new ArrayList<>();
    for (int i = 0; i < traits.size(); i++) {
      Scaler trait = traits.get(i);
      String key = trait.type() + ":" + lead.name() + (i == 0 ? "" : "#" + i);
      Workload template =
          base.toBuilder()
              .putAnnotations(Ownership.MANAGED_BY, Ownership.MANAGER)
              .putAnnotations(Ownership.APPSPEC, app.name())
              .putAnnotations(Ownership.SCALER, key)
              .putAnnotations(Ownership.VERSION, app.version())
              .putAnnotations(Ownership.SPEC_HASH, hash)
              .build();
      int surge = Surge.of(app.metadata().annotations(), trait.instances());
      specs.add(
          new ScalerSpec(key, app.componentId(lead), trait, template, hash, surge, unresolved));
    }
    return specs;
  }

  /** Runnable components grouped by in-process links, groups in manifest order. */
  static List<List<dev.trellis.scheduler.manifest.Component>> groups(Application app) {
    Map<String, String> parent = new LinkedHashMap<>();
    app.spec().components().stream()
        .filter(WorkloadMapper::runnable)
        .forEach(c -> parent.put(c.name(), c.name()));
    for (var component : app.spec().components()) {
      if (!runnable(component)) {
        continue;
      }
      for (Link link : component.links()) {
        if (link.transport() == LinkTransport.AUTO && parent.containsKey(link.target().name())) {
          parent.put(root(parent, component.name()), root(parent, link.target().name()));
        }
      }
    }
    Map<String, List<dev.trellis.scheduler.manifest.Component>> groups = new LinkedHashMap<>();
    for (var component : app.spec().components()) {
      if (runnable(component)) {
        groups
            .computeIfAbsent(root(parent, component.name()), r -> new ArrayList<>())
            .add(component);
      }
    }
    return List.copyOf(groups.values());
  }

  private static String root(Map<String, String> parent, String name) {
    String current = name;
    while (!parent.get(current).equals(current)) {
      current = parent.get(current);
    }
    return current;
  }

  private static boolean runnable(dev.trellis.scheduler.manifest.Component component) {
    return component.type() == ComponentType.COMPONENT
        && component.properties().source() instanceof ComponentSource.Image;
  }

  private static Workload workload(
      Application app,
      List<dev.trellis.scheduler.manifest.Component> group,
      dev.trellis.scheduler.manifest.Component lead,
      Resolver resolver) {
    Set<String> members = new LinkedHashSet<>();
    group.forEach(c -> members.add(c.name()));
    WitWorld.Builder world = WitWorld.newBuilder();
    Set<WitInterface> entries = new LinkedHashSet<>();
    for (var member : group) {
      world.addComponents(component(member, resolver));
      for (Link link : member.links()) {
        importEntry(app, member, link, resolver).ifPresent(entries::add);
      }
    }
    for (var source : app.spec().components()) {
      for (Link link : source.links()) {
        if (members.contains(link.target().name())) {
          exportEntry(app, source, link, resolver).ifPresent(entries::add);
        }
      }
    }
    world.addAllHostInterfaces(entries);
    return Workload.newBuilder()
        .setNamespace(app.name())
        .setName(app.componentId(lead))
        .setWitWorld(world)
        .build();
  }

  private static Component component(
      dev.trellis.scheduler.manifest.Component member, Resolver resolver) {
    String image = ((ComponentSource.Image) member.properties().source()).reference();
    Component.Builder component = Component.newBuilder().setImage(image).setName(member.name());
    Map<String, String> config =
        resolver.values(member.properties().config(), "component " + member.name());
    if (!config.isEmpty()) {
      component.setLocalResources(LocalResources.newBuilder().putAllConfig(config));
    }
    return component.build();
  }

  /** The entry a member needs for calling the target of {@code link}; empty when in-process. */
  private static Optional<WitInterface> importEntry(
      Application app,
      dev.trellis.scheduler.manifest.Component member,
      Link link,
      Resolver resolver) {
    var target = app.spec().component(link.target().name()).orElseThrow();
    String where = linkLabel(member.name(), target.name());
    Map<String, String> config = new TreeMap<>();
    switch (target.properties().source()) {
      case ComponentSource.Image image -> {
        if (target.type() == ComponentType.COMPONENT && link.transport() == LinkTransport.AUTO) {
          return Optional.empty();
        }
        config.putAll(resolver.values(link.target().config(), where));
        Optional<String> plugin =
            target.type() == ComponentType.CAPABILITY && link.transport() == LinkTransport.AUTO
                ? Capabilities.plugin(image.reference())
                : Optional.empty();
        if (plugin.isPresent()) {
          config.putAll(
              resolver.values(target.properties().config(), "capability " + target.name()));
          config.putAll(Capabilities.pluginConfig(plugin.get()));
        } else {
          config.put(Capabilities.WRPC_NAME_KEY, app.componentId(target));
        }
      }
      case ComponentSource.Shared shared -> {
        config.putAll(resolver.values(link.target().config(), where));
        config.put(
            Capabilities.WRPC_NAME_KEY,
            resolver.sharedIds.getOrDefault(
                sharedKey(shared.application(), shared.component()),
                dev.trellis.scheduler.manifest.Component.defaultId(
                    shared.application(), shared.component())));
      }
    }
    return Optional.of(entry(link, config));
  }

  /** The entry a member needs for being called by {@code source}; empty when in-process. */
  private static Optional<WitInterface> exportEntry(
      Application app,
      dev.trellis.scheduler.manifest.Component source,
      Link link,
      Resolver resolver) {
    var member = app.spec().component(link.target().name()).orElseThrow();
    boolean auto = link.transport() == LinkTransport.AUTO;
    if (runnable(source) && auto) {
      return Optional.empty();
    }
    String where = linkLabel(source.name(), member.name());
    Map<String, String> config = new TreeMap<>(resolver.values(link.source().config(), where));
    Optional<String> plugin = Optional.empty();
    if (source.type() == ComponentType.CAPABILITY
        && source.properties().source() instanceof ComponentSource.Image image
        && auto) {
      plugin = Capabilities.plugin(image.reference());
    }
    if (plugin.isPresent()) {
      config.putAll(resolver.values(source.properties().config(), "capability " + source.name()));
      config.putAll(Capabilities.pluginConfig(plugin.get()));
    } else {
      config.putAll(resolver.values(link.target().config(), where));
      config.put(Capabilities.WRPC_NAME_KEY, app.componentId(member));
    }
    return Optional.of(entry(link, config));
  }

  private static WitInterface entry(Link link, Map<String, String> config) {
    WitInterface.Builder entry =
        WitInterface.newBuilder()
            .setNamespace(link.namespace())
            .setPackage(link.witPackage())
            .addAllInterfaces(link.interfaces())
            .putAllConfig(config);
    if (!link.name().equals(Link.DEFAULT_NAME)) {
      entry.setName(link.name());
    }
    return entry.build();
  }

  private static String linkLabel(String source, String target) {
    return "link " + source + " -> " + target;
  }

  /**
   * The key of a shared component in the ids given to {@link #map(Application, NamedConfigs, Map)}.
   */
  public static String sharedKey(String application, String component) {
    return application + "/" + component;
  }

  /**
   * Gives each list of configs its values, owned or stored, and collects, for one workload, every
   * named config that is missing or malformed; knows the ids of the shared components.
   */
  private static final class Resolver {
    private final NamedConfigs named;
    private final Map<String, String> sharedIds;
    private final Set<String> missing = new LinkedHashSet<>();
    private final Set<String> malformed = new LinkedHashSet<>();

    Resolver(NamedConfigs named, Map<String, String> sharedIds) {
      this.named = named;
      this.sharedIds = sharedIds;
    }

    /**
     * The values of {@code configs} (referenced at {@code where}), later ones overriding earlier
     * ones; a missing or malformed named config adds nothing and is remembered.
     */
    Map<String, String> values(List<ConfigRef> configs, String where) {
      Map<String, String> values = new TreeMap<>();
      for (ConfigRef config : configs) {
        if (config.properties().isPresent()) {
          values.putAll(config.properties().get());
          continue;
        }
        String name = config.name();
        switch (named.lookup(name)) {
          case Lookup.Found found -> values.putAll(found.values());
          case Lookup.Missing m ->
              missing.add(
                  "config '"
                      + name
                      + "' ("
                      + where
                      + ") not found in bucket "
                      + named.bucket()
                      + "; create it with: trellis config put "
                      + name
                      + " key=value");
          case Lookup.Malformed bad ->
              malformed.add(
                  "config '"
                      + name
                      + "' ("
                      + where
                      + ") in bucket "
                      + named.bucket()
                      + " "
                      + bad.problem()
                      + "; replace it with: trellis config put "
                      + name
                      + " key=value");
        }
      }
      return values;
    }

    /** Why the workload cannot be defined yet; empty when every named config resolved. */
    Optional<ScalerSpec.Unresolved> unresolved() {
      if (!malformed.isEmpty()) {
        List<String> all = new ArrayList<>(malformed);
        all.addAll(missing);
        return Optional.of(new ScalerSpec.Unresolved(StatusType.FAILED, String.join("; ", all)));
      }
      if (!missing.isEmpty()) {
        return Optional.of(
            new ScalerSpec.Unresolved(StatusType.WAITING, String.join("; ", missing)));
      }
      return Optional.empty();
    }
  }

  private static List<ScalerStatus> passive(Application app) {
    List<ScalerStatus> statuses = new ArrayList<>();
    for (var component : app.spec().components()) {
      if (component.type() != ComponentType.CAPABILITY || component.scalers().isEmpty()) {
        continue;
      }
      String id = app.componentId(component);
      String message =
          component.properties().source() instanceof ComponentSource.Image image
                  && Capabilities.plugin(image.reference()).isPresent()
              ? "served by the host plugin " + Capabilities.plugin(image.reference()).get()
              : "reached over wRPC as '" + id + "' (a provider Trellis does not start)";
      statuses.add(
          new ScalerStatus(
              "capability:" + component.name(), "Capability", id, StatusType.DEPLOYED, message));
    }
    return statuses;
  }

  /** A short, stable hash of a workload definition (deterministic protobuf encoding). */
  static String hash(Workload workload) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      workload.writeTo(out);
      out.flush();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode workload " + workload.getName(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
