package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name a user most likely meant, for "did you mean" hints on misspelt keys and
 * names.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * Returns the candidate closest to {@code input} by Levenshtein distance, ignoring case, if it is
   * close enough: at most {@code max(2, input.length() / 3)} edits away. Ties go to the candidate
   * that comes first.
   *
   * @param input what the user wrote
   * @param candidates the names that are valid at this place
   * @return the closest candidate, or empty when none is close enough
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    requireNonNull(input, "input");
    requireNonNull(candidates, "candidates");
    String typed = input.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, typed.length() / 3);
    String best = null;
    int bestDistance = limit + 1;
    for (String candidate : candidates) {
      String known = candidate.toLowerCase(Locale.ROOT);
      if (Math.abs(known.length() - typed.length()) >= bestDistance) {
        continue;
      }
      int distance = levenshtein(typed, known);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The number of single-character insertions, deletions and substitutions from a to b. */
  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
