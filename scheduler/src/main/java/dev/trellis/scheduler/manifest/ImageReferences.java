package dev.trellis.scheduler.manifest;

import java.util.regex.Pattern;

/**
 * Recognises the image references a host can pull: {@code file://} paths and OCI references ({@code
 * [registry[:port]/]path[:tag][@digest]}, following the distribution reference grammar: lower-case
 * path components, tags of at most 128 word characters, digests as {@code algorithm:hex}).
 * Hand-written because no maintained Java library exposes that grammar on its own; it is one
 * regular expression.
 */
public final class ImageReferences {
  private static final String FILE_SCHEME = "file://";
  private static final int MAX_NAME_LENGTH = 255;
  private static final int MAX_REFERENCE_LENGTH = 4096;

  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String NAME =
      "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile("(" + NAME + ")(?::" + TAG + ")?(?:@" + DIGEST + ")?");

  private ImageReferences() {}

  /** Whether a host can pull {@code reference}. */
  public static boolean isValid(String reference) {
    if (reference.length() > MAX_REFERENCE_LENGTH) {
      return false;
    }
    if (reference.startsWith(FILE_SCHEME)) {
      String path = reference.substring(FILE_SCHEME.length());
      return !path.isBlank() && path.chars().noneMatch(Character::isISOControl);
    }
    var matcher = REFERENCE.matcher(reference);
    return matcher.matches() && matcher.group(1).length() <= MAX_NAME_LENGTH;
  }

  /** The rule an invalid {@code reference} breaks, for error messages. */
  static String describeInvalid(String reference) {
    return "'"
        + reference
        + "' is not a valid image reference"
        + " (file://, or an OCI reference such as ghcr.io/org/name:tag)";
  }
}
