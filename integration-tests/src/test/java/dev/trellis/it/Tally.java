package dev.trellis.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one bad-input corpus got back: how many inputs were sent, how many were refused with a clear
 * error, how many still happened to be valid and were accepted, and the failures that matter — an
 * unhelpful answer (a Java exception's name, a stack trace, an empty message), no answer at all, or
 * the process gone. The failures keep a few samples so an assertion can show them.
 */
final class Tally {
  private static final Pattern JAVA_INTERNALS =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|org|com|io|dev)\\.[a-z]\\w*\\."
              + "|\\b[A-Z]\\w*(?:Exception|Error)\\b|\\n\\s*at ");
  private static final int SAMPLES = 8;

  private final String corpus;
  private int sent;
  private int clear;
  private int accepted;
  private int unclear;
  private int unanswered;
  private int crashes;
  private final List<String> failures = new ArrayList<>();

  Tally(String corpus) {
    this.corpus = corpus;
  }

  /**
   * Whether {@code message} is an error a user can act on: not blank, and free of Java class names,
   * exception names and stack frames.
   */
  static boolean isClear(String message) {
    return message != null && !message.isBlank() && !JAVA_INTERNALS.matcher(message).find();
  }

  /** Counts a refusal, clear or not by {@link #isClear} (and {@code extra}, when given). */
  void refused(String input, String message, boolean extra) {
    sent++;
    if (isClear(message) && extra) {
      clear++;
    } else {
      unclear++;
      sample("unclear: " + input + " -> " + message);
    }
  }

  /** Counts an input that was still valid after its mutation and was served normally. */
  void accepted() {
    sent++;
    accepted++;
  }

  /** Counts an input that got no answer within the deadline. */
  void unanswered(String input) {
    sent++;
    unanswered++;
    sample("no reply: " + input);
  }

  /** Records that the process serving the corpus is gone. */
  void crashed(String what) {
    crashes++;
    sample("crash: " + what);
  }

  int sent() {
    return sent;
  }

  int clear() {
    return clear;
  }

  int bad() {
    return unclear + unanswered + crashes;
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  private void sample(String line) {
    if (failures.size() < SAMPLES) {
      failures.add(line.length() > 600 ? line.substring(0, 600) + "..." : line);
    }
  }

  /** The summary table of {@code tallies}, one row per corpus. */
  static String table(Collection<Tally> tallies) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%-22s %6s %12s %9s %8s %9s %8s%n",
                "CORPUS", "SENT", "CLEAR ERROR", "ACCEPTED", "UNCLEAR", "NO REPLY", "CRASHES"));
    for (Tally t : tallies) {
      out.append(
          String.format(
              "%-22s %6d %12d %9d %8d %9d %8d%n",
              t.corpus, t.sent, t.clear, t.accepted, t.unclear, t.unanswered, t.crashes));
    }
    return out.toString();
  }
}
