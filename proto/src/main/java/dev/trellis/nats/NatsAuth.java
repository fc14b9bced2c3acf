package dev.trellis.nats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a client proves who it is to NATS: nothing, a user and password, a token, an NKey seed, or a
 * {@code .creds} file (user JWT plus its NKey seed, as {@code nsc} writes it). Every secret stays
 * in its file and is read only when connecting, so it never sits in a configuration record, a log
 * line or a {@code toString}; only the file's path does.
 */
public sealed interface NatsAuth {
  /** The kind of credential in words, for messages ({@code "token file /etc/trellis/token"}). */
  String describe();

  /** No credentials: the server must allow anonymous clients. */
  record None() implements NatsAuth {
    @Override
    public String describe() {
      return "no credentials";
    }
  }

  /**
   * A user name with the password read from a file (first line, surrounding whitespace removed).
   *
   * @param user the user name (not secret)
   * @param passwordFile file holding the password
   */
  record UserPassword(String user, Path passwordFile) implements NatsAuth {
    public UserPassword {
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException("NATS user name must not be blank");
      }
      Objects.requireNonNull(passwordFile, "passwordFile");
    }

    @Override
    public String describe() {
      return "user '" + user + "' with password file " + passwordFile;
    }
  }

  /**
   * A token read from a file.
   *
   * @param tokenFile file holding the token
   */
  record Token(Path tokenFile) implements NatsAuth {
    public Token {
      Objects.requireNonNull(tokenFile, "tokenFile");
    }

    @Override
    public String describe() {
      return "token file " + tokenFile;
    }
  }

  /**
   * An NKey user seed ({@code SU...}) read from a file; the server knows the public key.
   *
   * @param seedFile file holding the seed
   */
  record NKeySeed(Path seedFile) implements NatsAuth {
    public NKeySeed {
      Objects.requireNonNull(seedFile, "seedFile");
    }

    @Override
    public String describe() {
      return "NKey seed file " + seedFile;
    }
  }

  /**
   * A decentralized-auth {@code .creds} file: the user JWT and the user's NKey seed.
   *
   * @param credsFile the file
   */
  record CredsFile(Path credsFile) implements NatsAuth {
    public CredsFile {
      Objects.requireNonNull(credsFile, "credsFile");
    }

    @Override
    public String describe() {
      return "credentials file " + credsFile;
    }
  }

  /** No credentials. */
  static NatsAuth none() {
    return new None();
  }
}
