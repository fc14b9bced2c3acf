package dev.trellis.host.wasi;

import java.util.Locale;

/**
 * {@code wasi:filesystem/types.error-code}: why a file-system operation failed, POSIX {@code errno}
 * style. The WIT case name is the constant's name in kebab case.
 */
public enum ErrorCode {
  ACCESS,
  WOULD_BLOCK,
  ALREADY,
  BAD_DESCRIPTOR,
  BUSY,
  DEADLOCK,
  QUOTA,
  EXIST,
  FILE_TOO_LARGE,
  ILLEGAL_BYTE_SEQUENCE,
  IN_PROGRESS,
  INTERRUPTED,
  INVALID,
  IO,
  IS_DIRECTORY,
  LOOP,
  TOO_MANY_LINKS,
  MESSAGE_SIZE,
  NAME_TOO_LONG,
  NO_DEVICE,
  NO_ENTRY,
  NO_LOCK,
  INSUFFICIENT_MEMORY,
  INSUFFICIENT_SPACE,
  NOT_DIRECTORY,
  NOT_EMPTY,
  NOT_RECOVERABLE,
  UNSUPPORTED,
  NO_TTY,
  NO_SUCH_DEVICE,
  OVERFLOW,
  NOT_PERMITTED,
  PIPE,
  READ_ONLY,
  INVALID_SEEK,
  TEXT_FILE_BUSY,
  CROSS_DEVICE;

  /** The WIT case name, e.g. {@code not-permitted}. */
  public String witName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
