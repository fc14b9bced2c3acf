package dev.trellis.host.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Confines guest paths to a preopen root. A guest path is resolved one component at a time against
 * the real file system, the way WASI's path-resolution rules describe: {@code .} is skipped, {@code
 * ..} pops a component and fails with {@code not-permitted} if it would leave the root, and each
 * symbolic link met along the way (and at the end, when asked to follow) is expanded by reading its
 * target and resolving that in the guest's namespace: a target that is absolute fails with {@code
 * not-permitted}, a relative one is confined like any other path, more than {@value #MAX_LINKS}
 * expansions fail with {@code loop}. Absolute guest paths fail with {@code not-permitted}.
 *
 * <p>The result never contains a symbolic link except possibly as its last component (when not
 * following), so the host path it names lies inside the root as long as nobody else swaps a checked
 * directory for a link while the operation runs; guests cannot create links that point outside
 * their root (see {@link #checkLinkTarget}), so only a host-side actor could.
 */
final class PathResolver {
  static final int MAX_LINKS = 40;

  private PathResolver() {}

  /**
   * A resolved guest path.
   *
   * @param components the path below the root, with no {@code .}, {@code ..} or links inside
   * @param host the host path
   */
  record Resolved(List<String> components, Path host) {
    Resolved {
      components = List.copyOf(components);
    }

    /** The last component, or empty for the root itself. */
    String name() {
      return components.isEmpty() ? "" : components.getLast();
    }
  }

  /**
   * Resolves {@code path} relative to the directory {@code base} (components below {@code root}).
   *
   * @param follow whether a symbolic link in the last position is expanded too
   * @throws FsException with {@code not-permitted} for escapes and absolute paths, {@code no-entry}
   *     or {@code not-directory} for missing or non-directory intermediate components, {@code loop}
   *     for too many links
   */
  static Resolved resolve(Path root, List<String> base, String path, boolean follow) {
    if (path.isEmpty()) {
      throw new FsException(ErrorCode.NO_ENTRY, "empty path");
    }
    if (path.indexOf('\0') >= 0) {
      throw new FsException(ErrorCode.INVALID, "path contains a NUL character");
    }
    if (path.startsWith("/")) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "absolute path '" + path + "' is refused");
    }
    boolean mustBeDirectory = path.endsWith("/");
    List<String> current = new ArrayList<>(base);
    Deque<String> pending = split(path);
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.pollFirst();
      if (part.equals("..")) {
        if (current.isEmpty()) {
          throw new FsException(ErrorCode.NOT_PERMITTED, "'" + path + "' leaves its directory");
        }
        current.removeLast();
        continue;
      }
      boolean last = pending.isEmpty();
      Path candidate = host(root, current).resolve(part);
      Optional<BasicFileAttributes> attributes = lstat(candidate);
      boolean link = attributes.map(BasicFileAttributes::isSymbolicLink).orElse(false);
      if (link && (!last || follow || mustBeDirectory)) {
        if (++links > MAX_LINKS) {
          throw new FsException(ErrorCode.LOOP, "too many symbolic links in '" + path + "'");
        }
        expand(candidate, path, pending);
        continue;
      }
      if (!last) {
        requireDirectory(attributes, part, path);
      }
      current.add(part);
    }
    Resolved resolved = new Resolved(current, host(root, current));
    if (mustBeDirectory) {
      Optional<BasicFileAttributes> attributes = lstat(resolved.host());
      if (attributes.isPresent() && !attributes.get().isDirectory()) {
        throw new FsException(ErrorCode.NOT_DIRECTORY, "'" + path + "' is not a directory");
      }
    }
    return resolved;
  }

  /**
   * Checks that a symbolic link with contents {@code target}, created at {@code linkParent}
   * (components below the root), would stay inside the root when followed.
   *
   * @throws FsException with {@code not-permitted} otherwise
   */
  static void checkLinkTarget(List<String> linkParent, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "link target '" + target + "' is refused");
    }
    int depth = linkParent.size();
    for (String part : split(target)) {
      depth += part.equals("..") ? -1 : 1;
      if (depth < 0) {
        throw new FsException(
            ErrorCode.NOT_PERMITTED, "link target '" + target + "' leaves the preopen");
      }
    }
  }

  /** The host path of {@code components} below {@code root}. */
  static Path host(Path root, List<String> components) {
    Path p = root;
    for (String c : components) {
      p = p.resolve(c);
    }
    return p;
  }

  private static Deque<String> split(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return parts;
  }

  private static void expand(Path link, String path, Deque<String> pending) {
    String target;
    try {
      target = Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw FsErrors.wrap("reading link in '" + path + "'", e);
    }
    if (target.isEmpty()) {
      throw new FsException(ErrorCode.NO_ENTRY, "empty symbolic link in '" + path + "'");
    }
    if (target.startsWith("/")) {
      throw new FsException(
          ErrorCode.NOT_PERMITTED, "'" + path + "' meets a link to an absolute path");
    }
    List<String> parts = new ArrayList<>(split(target));
    for (int i = parts.size() - 1; i >= 0; i--) {
      pending.addFirst(parts.get(i));
    }
  }

  private static void requireDirectory(
      Optional<BasicFileAttributes> attributes, String part, String path) {
    if (attributes.isEmpty()) {
      throw new FsException(ErrorCode.NO_ENTRY, "'" + part + "' in '" + path + "' does not exist");
    }
    if (!attributes.get().isDirectory()) {
      throw new FsException(
          ErrorCode.NOT_DIRECTORY, "'" + part + "' in '" + path + "' is not a directory");
    }
  }

  /** The attributes of {@code p} itself (not following a link), if it exists. */
  static Optional<BasicFileAttributes> lstat(Path p) {
    try {
      return Optional.of(
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw FsErrors.wrap("inspecting '" + p.getFileName() + "'", e);
    }
  }
}
