package dev.trellis.host.http;

/**
 * Why a {@link Fields} operation was refused, mirroring the WIT {@code header-error} variant of
 * {@code wasi:http/types}.
 */
public enum HeaderError {
  /** A field name or value is not valid HTTP syntax. */
  INVALID_SYNTAX("invalid-syntax"),
  /** The field name is one a guest may not set (e.g. {@code connection}, {@code host}). */
  FORBIDDEN("forbidden"),
  /** The fields belong to a request or response and can no longer change. */
  IMMUTABLE("immutable");

  private final String witName;

  HeaderError(String witName) {
    this.witName = witName;
  }

  /** The case name in WIT, e.g. {@code invalid-syntax}. */
  public String witName() {
    return witName;
  }
}
