package dev.trellis.host.engine;

import dev.trellis.host.HostException;
import java.util.List;

/**
 * A component cannot be instantiated because some of its imports are not satisfied (or are
 * satisfied by something of the wrong kind). Lists every problem, not just the first, so one
 * attempt tells an operator everything a workload is missing; each problem is a full sentence such
 * as {@code component 'calc' import 'trellis:examples/math@0.1.0' (function 'add') is not
 * satisfied: no host interface or instance provides it}.
 */
public final class LinkException extends HostException {
  private static final long serialVersionUID = 1L;

  private final String component;
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param component the name of the component being linked
   * @param problems one sentence per unsatisfied import, at least one
   */
  public LinkException(String component, List<String> problems) {
    super(format(component, problems));
    this.component = component;
    this.problems = List.copyOf(problems);
  }

  /** The component whose imports are unsatisfied. */
  public String component() {
    return component;
  }

  /** One sentence per unsatisfied import, in import order. */
  public List<String> problems() {
    return problems;
  }

  private static String format(String component, List<String> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    return "component '"
        + component
        + "' has "
        + problems.size()
        + " unsatisfied imports:\n  "
        + String.join("\n  ", problems);
  }
}
