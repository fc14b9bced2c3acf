package dev.trellis.host.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps Java's file-system exceptions to WASI {@link ErrorCode}s: first by exception type, then, for
 * a plain {@link FileSystemException}, by the operating system's reason text ({@code strerror}).
 */
final class FsErrors {
  /** strerror texts (glibc, musl, macOS) and the code they stand for; first match wins. */
  private static final List<Map.Entry<String, ErrorCode>> REASONS =
      List.of(
          Map.entry("is a directory", ErrorCode.IS_DIRECTORY),
          Map.entry("not a directory", ErrorCode.NOT_DIRECTORY),
          Map.entry("directory not empty", ErrorCode.NOT_EMPTY),
          Map.entry("too many levels of symbolic links", ErrorCode.LOOP),
          Map.entry("too many symbolic links", ErrorCode.LOOP),
          Map.entry("file exists", ErrorCode.EXIST),
          Map.entry("no such file", ErrorCode.NO_ENTRY),
          Map.entry("permission denied", ErrorCode.ACCESS),
          Map.entry("operation not permitted", ErrorCode.NOT_PERMITTED),
          Map.entry("read-only file system", ErrorCode.READ_ONLY),
          Map.entry("no space left", ErrorCode.INSUFFICIENT_SPACE),
          Map.entry("quota exceeded", ErrorCode.QUOTA),
          Map.entry("file name too long", ErrorCode.NAME_TOO_LONG),
          Map.entry("file too large", ErrorCode.FILE_TOO_LARGE),
          Map.entry("too many links", ErrorCode.TOO_MANY_LINKS),
          Map.entry("cross-device link", ErrorCode.CROSS_DEVICE),
          Map.entry("invalid argument", ErrorCode.INVALID),
          Map.entry("device or resource busy", ErrorCode.BUSY),
          Map.entry("text file busy", ErrorCode.TEXT_FILE_BUSY),
          Map.entry("input/output error", ErrorCode.IO));

  private FsErrors() {}

  /** The code for {@code e}; {@code io} when nothing more specific is known. */
  static ErrorCode code(IOException e) {
    return switch (e) {
      case NoSuchFileException x -> ErrorCode.NO_ENTRY;
      case FileAlreadyExistsException x -> ErrorCode.EXIST;
      case DirectoryNotEmptyException x -> ErrorCode.NOT_EMPTY;
      case NotDirectoryException x -> ErrorCode.NOT_DIRECTORY;
      case AccessDeniedException x -> ErrorCode.ACCESS;
      case FileSystemLoopException x -> ErrorCode.LOOP;
      case NotLinkException x -> ErrorCode.INVALID;
      case AtomicMoveNotSupportedException x -> ErrorCode.CROSS_DEVICE;
      case FileSystemException x -> byReason(x);
      case IOException x -> byReason(x);
    };
  }

  /** {@code e} as an {@link FsException} naming {@code what} was attempted. */
  static FsException wrap(String what, IOException e) {
    return new FsException(code(e), what + ": " + e.getMessage(), e);
  }

  /** The code for an unchecked failure of a path or file-system operation. */
  static FsException wrap(String what, RuntimeException e) {
    ErrorCode code =
        switch (e) {
          case InvalidPathException x -> ErrorCode.INVALID;
          case ReadOnlyFileSystemException x -> ErrorCode.READ_ONLY;
          case UnsupportedOperationException x -> ErrorCode.UNSUPPORTED;
          case SecurityException x -> ErrorCode.ACCESS;
          case IllegalArgumentException x -> ErrorCode.INVALID;
          case RuntimeException x -> ErrorCode.IO;
        };
    return new FsException(code, what + ": " + e.getMessage(), e);
  }

  private static ErrorCode byReason(IOException e) {
    String reason =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.getMessage();
    if (reason == null) {
      return ErrorCode.IO;
    }
    String lower = reason.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, ErrorCode> r : REASONS) {
      if (lower.contains(r.getKey())) {
        return r.getValue();
      }
    }
    return ErrorCode.IO;
  }
}
