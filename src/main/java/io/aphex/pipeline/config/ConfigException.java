package io.aphex.pipeline.config;

import java.util.List;

/**
 * Thrown when the stack config, the component args or the pipeline config are invalid. It carries
 * every problem found, not only the first, and is thrown before any resource is created.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found; must not be empty
   */
  public ConfigException(List<Problem> problems) {
    super(format(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /**
   * Creates the exception for one problem.
   *
   * @param problem the problem
   */
  public ConfigException(Problem problem) {
    this(List.of(problem));
  }

  /**
   * Throws a {@link ConfigException} when {@code problems} is not empty.
   *
   * @param problems the problems collected by a validator
   */
  public static void throwIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * Returns the problems, in the order they were found.
   *
   * @return an immutable list with at least one problem
   */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(List<Problem> problems) {
    StringBuilder out = new StringBuilder();
    out.append("aphex-pipeline: invalid configuration, ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems")
        .append(" (nothing was created):");
    for (int i = 0; i < problems.size(); i++) {
      out.append("\n  ").append(i + 1).append(". ").append(problems.get(i).message());
    }
    return out.toString();
  }
}
