package io.aphex.pipeline.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Collects the problems of one file and returns them in file order: by line, and in the order they
 * were found within a line. It keeps the first {@value #LIMIT} and counts the rest, so that a
 * hostile file with thousands of broken entries cannot make the report unbounded.
 */
final class ProblemList {

  /** The most problems reported for one file. */
  static final int LIMIT = 100;

  private record Entry(int line, Problem problem) {}

  private final String fileName;
  private final List<Entry> entries = new ArrayList<>();
  private int notListed;

  ProblemList(String fileName) {
    this.fileName = fileName;
  }

  void add(int line, String location, @Nullable String value, String rule, String fix) {
    if (entries.size() < LIMIT) {
      entries.add(new Entry(line, new Problem(location, value, rule, fix)));
    } else {
      notListed++;
    }
  }

  /**
   * Tells whether the list holds {@value #LIMIT} problems, so that a caller can {@link #countMore}
   * instead of describing one more.
   */
  boolean isFull() {
    return entries.size() >= LIMIT;
  }

  /** Counts a problem that will not be listed. */
  void countMore() {
    notListed++;
  }

  /** Returns the problems, ending with a note on how many more were found but not listed. */
  List<Problem> toList() {
    List<Problem> problems = new ArrayList<>();
    entries.stream()
        .sorted(Comparator.comparingInt(Entry::line))
        .forEach(entry -> problems.add(entry.problem()));
    if (notListed > 0) {
      problems.add(notListed(fileName, notListed));
    }
    return problems;
  }

  /**
   * The note that ends a list of {@value #LIMIT} problems when more were found.
   *
   * @param location where the problems not listed begin
   * @param count how many were not listed
   * @return the note
   */
  static Problem notListed(String location, int count) {
    return new Problem(
        location,
        count + " more",
        "problems were found but not listed; only the first " + LIMIT + " are shown",
        "Correct the problems above and check again.");
  }
}
