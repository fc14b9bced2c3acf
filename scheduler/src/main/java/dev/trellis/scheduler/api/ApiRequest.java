package dev.trellis.scheduler.api;

import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.ModelOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A scheduler API request as its subject names it: {@code wadm.api.{lattice}.model.{op}[.{name}]}.
 * Parsed as wadm parses it (at most one token after the operation); what wadm would reject becomes
 * {@link Unsupported} with wadm's message.
 */
sealed interface ApiRequest {
  /** The operation for logs. */
  String operation();

  /** The application named by the subject, if any. */
  Optional<String> app();

  /** {@code put}: a manifest in the body. */
  record Put() implements ApiRequest {
    @Override
    public String operation() {
      return "put";
    }

    @Override
    public Optional<String> app() {
      return Optional.empty();
    }
  }

  /**
   * {@code get} without a name, or wadm's older {@code list}.
   *
   * @param legacy whether the older bare-array reply is wanted
   */
  record ListModels(boolean legacy) implements ApiRequest {
    @Override
    public String operation() {
      return legacy ? "list" : "get";
    }

    @Override
    public Optional<String> app() {
      return Optional.empty();
    }
  }

  /**
   * An operation on one application.
   *
   * @param op get, versions, del, deploy, undeploy or status
   * @param name the application
   */
  record Named(ModelOperation op, String name) implements ApiRequest {
    @Override
    public String operation() {
      return op.token();
    }

    @Override
    public Optional<String> app() {
      return Optional.of(name);
    }
  }

  /**
   * A subject no operation matches.
   *
   * @param message wadm's words for why
   */
  record Unsupported(String message) implements ApiRequest {
    @Override
    public String operation() {
      return "unsupported";
    }

    @Override
    public Optional<String> app() {
      return Optional.empty();
    }
  }

  /** The request {@code subject} (received under {@code lattice}'s prefix) asks for. */
  static ApiRequest parse(String lattice, String subject) {
    String prefix = Subjects.schedulerApiPrefix(lattice) + ".";
    if (!subject.startsWith(prefix)) {
      return new Unsupported("Unsupported subject: " + subject);
    }
    List<String> tokens = Arrays.asList(subject.substring(prefix.length()).split("\\.", -1));
    if (tokens.size() > 2) {
      return new Unsupported(
          "Invalid subject: Found extra components of subject, ensure your manifest name consists"
              + " of only alphanumeric characters, dashes, and underscores.");
    }
    Optional<String> name = tokens.size() == 2 ? Optional.of(tokens.get(1)) : Optional.empty();
    Optional<ModelOperation> op =
        Arrays.stream(ModelOperation.values())
            .filter(o -> o.token().equals(tokens.get(0)))
            .findFirst();
    if (op.isEmpty()) {
      return "history".equals(tokens.get(0))
          ? new Unsupported(
              "Model deployment history is not currently supported. It may be added in a future"
                  + " version")
          : new Unsupported("Unsupported subject: " + subject);
    }
    return of(op.get(), name, subject);
  }

  private static ApiRequest of(ModelOperation op, Optional<String> name, String subject) {
    return switch (op) {
      case PUT -> name.isEmpty() ? new Put() : new Unsupported("Unsupported subject: " + subject);
      case LIST ->
          name.isEmpty()
              ? new ListModels(true)
              : new Unsupported("Unsupported subject: " + subject);
      case GET -> name.<ApiRequest>map(n -> new Named(op, n)).orElse(new ListModels(false));
      case VERSIONS, DEL, DEPLOY, UNDEPLOY, STATUS ->
          name.<ApiRequest>map(n -> new Named(op, n))
              .orElse(new Unsupported("Unsupported subject: " + subject));
    };
  }
}
