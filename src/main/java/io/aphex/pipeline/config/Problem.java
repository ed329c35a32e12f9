package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import javax.annotation.Nullable;

/**
 * One thing wrong with the user's input: where it is, the bad value, the rule it breaks and how to
 * fix it. Validators collect problems instead of throwing on the first one, so that the user sees
 * every problem of a file or stack at once.
 *
 * @param location the file and key, e.g. {@code aphex-config.yaml line 14, environments[1].account}
 *     or {@code aphex-pipeline:argoNamespace}
 * @param value the offending value as the user wrote it, or {@code null} when the value is missing
 * @param rule the rule that the value breaks, as a sentence fragment
 * @param fix what to do about it
 */
public record Problem(String location, @Nullable String value, String rule, String fix) {

  /** Creates a problem; every part but {@code value} is required. */
  public Problem {
    requireNonNull(location, "location");
    requireNonNull(rule, "rule");
    requireNonNull(fix, "fix");
  }

  /**
   * Returns a copy of this problem at another location, used when a value validated under its
   * property name turns out to come from a stack config key or a file.
   *
   * @param newLocation the location to report
   * @return the relocated problem
   */
  public Problem at(String newLocation) {
    return new Problem(newLocation, value, rule, fix);
  }

  /**
   * Formats the problem as one line: {@code <location>: <value> <rule>. Fix: <fix>}.
   *
   * @return the message shown to the user
   */
  public String message() {
    String shown = value == null ? "is missing" : "'" + printable(value) + "'";
    return location + ": " + shown + (value == null ? "; " : " ") + rule + ". Fix: " + fix;
  }

  @Override
  public String toString() {
    return message();
  }

  /** Shows control characters escaped and cuts long values, so one problem stays one line. */
  private static String printable(String raw) {
    StringBuilder out = new StringBuilder();
    raw.codePoints()
        .limit(120)
        .forEach(
            cp -> {
              if (cp == '\n') {
                out.append("\\n");
              } else if (cp == '\t') {
                out.append("\\t");
              } else if (Character.isISOControl(cp)
                  || Character.getType(cp) == Character.FORMAT
                  || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    if (raw.codePointCount(0, raw.length()) > 120) {
      out.append("...");
    }
    return out.toString();
  }
}
