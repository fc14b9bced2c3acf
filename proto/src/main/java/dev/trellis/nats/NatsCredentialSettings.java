package dev.trellis.nats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The credential and TLS settings every Trellis process accepts, as flags ({@code --nats-creds}
 * ...) or environment variables ({@code TRELLIS_NATS_CREDS} ...), with the rules for combining
 * them: at most one way to authenticate, a user always with its password file, a client certificate
 * always with its key. Both spellings are defined here once so the CLI, providers and deployment
 * files can never disagree.
 *
 * @param creds {@code .creds} file
 * @param nkey NKey user seed file
 * @param user user name
 * @param passwordFile password file of {@code user}
 * @param tokenFile token file
 * @param tlsCa PEM CA bundle
 * @param tlsCert PEM client certificate
 * @param tlsKey PEM key of the client certificate
 */
public record NatsCredentialSettings(
    Optional<Path> creds,
    Optional<Path> nkey,
    Optional<String> user,
    Optional<Path> passwordFile,
    Optional<Path> tokenFile,
    Optional<Path> tlsCa,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey) {

  /** One setting with its flag and environment variable. */
  public enum Setting {
    CREDS("--nats-creds", "TRELLIS_NATS_CREDS"),
    NKEY("--nats-nkey", "TRELLIS_NATS_NKEY"),
    USER("--nats-user", "TRELLIS_NATS_USER"),
    PASSWORD_FILE("--nats-password-file", "TRELLIS_NATS_PASSWORD_FILE"),
    TOKEN_FILE("--nats-token-file", "TRELLIS_NATS_TOKEN_FILE"),
    TLS_CA("--nats-tls-ca", "TRELLIS_NATS_TLS_CA"),
    TLS_CERT("--nats-tls-cert", "TRELLIS_NATS_TLS_CERT"),
    TLS_KEY("--nats-tls-key", "TRELLIS_NATS_TLS_KEY");

    private final String flag;
    private final String env;

    Setting(String flag, String env) {
      this.flag = flag;
      this.env = env;
    }

    /** The command-line flag. */
    public String flag() {
      return flag;
    }

    /** The environment variable. */
    public String env() {
      return env;
    }

    /** How the CLI names it in errors: {@code --nats-creds (TRELLIS_NATS_CREDS)}. */
    public String flagAndEnv() {
      return flag + " (" + env + ")";
    }
  }

  /** The settings found in {@code env}; blank values count as unset. */
  public static NatsCredentialSettings fromEnvironment(Map<String, String> env) {
    Function<Setting, Optional<String>> get =
        s -> Optional.ofNullable(env.get(s.env())).map(String::strip).filter(v -> !v.isEmpty());
    return new NatsCredentialSettings(
        get.apply(Setting.CREDS).map(Path::of),
        get.apply(Setting.NKEY).map(Path::of),
        get.apply(Setting.USER),
        get.apply(Setting.PASSWORD_FILE).map(Path::of),
        get.apply(Setting.TOKEN_FILE).map(Path::of),
        get.apply(Setting.TLS_CA).map(Path::of),
        get.apply(Setting.TLS_CERT).map(Path::of),
        get.apply(Setting.TLS_KEY).map(Path::of));
  }

  /**
   * {@code config} with these credentials and TLS settings.
   *
   * @param naming how a setting is called in errors (its flag, or its environment variable)
   * @throws IllegalArgumentException naming both settings of a conflicting combination, or the
   *     missing half of a pair
   */
  public NatsClientConfig applyTo(NatsClientConfig config, Function<Setting, String> naming) {
    List<Setting> ways = new ArrayList<>();
    creds.ifPresent(p -> ways.add(Setting.CREDS));
    nkey.ifPresent(p -> ways.add(Setting.NKEY));
    user.ifPresent(p -> ways.add(Setting.USER));
    tokenFile.ifPresent(p -> ways.add(Setting.TOKEN_FILE));
    if (ways.size() > 1) {
      throw new IllegalArgumentException(
          naming.apply(ways.get(0))
              + " and "
              + naming.apply(ways.get(1))
              + " cannot be used together: choose one way to authenticate to NATS");
    }
    if (user.isPresent() != passwordFile.isPresent()) {
      throw new IllegalArgumentException(
          user.isPresent()
              ? naming.apply(Setting.USER) + " needs " + naming.apply(Setting.PASSWORD_FILE)
              : naming.apply(Setting.PASSWORD_FILE) + " needs " + naming.apply(Setting.USER));
    }
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException(
          tlsCert.isPresent()
              ? naming.apply(Setting.TLS_CERT) + " needs " + naming.apply(Setting.TLS_KEY)
              : naming.apply(Setting.TLS_KEY) + " needs " + naming.apply(Setting.TLS_CERT));
    }
    NatsAuth auth =
        creds
            .<NatsAuth>map(NatsAuth.CredsFile::new)
            .or(() -> nkey.map(NatsAuth.NKeySeed::new))
            .or(() -> user.map(u -> new NatsAuth.UserPassword(u, passwordFile.orElseThrow())))
            .or(() -> tokenFile.map(NatsAuth.Token::new))
            .orElse(NatsAuth.none());
    NatsClientConfig out = config.withAuth(auth);
    if (tlsCa.isPresent() || tlsCert.isPresent()) {
      out = out.withTls(new NatsTls(tlsCa, tlsCert, tlsKey));
    }
    return out;
  }
}
