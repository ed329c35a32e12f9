package io.aphex.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the problems of a refused input. */
public final class ConfigProblems {

  private ConfigProblems() {}

  /**
   * Asserts that an action is refused with a {@link ConfigException} holding exactly these problem
   * messages, in this order.
   *
   * @param action what should be refused, e.g. {@code builder::build}
   * @param messages the messages of {@link Problem#message()}
   */
  public static void assertRefused(ThrowingCallable action, String... messages) {
    assertThatThrownBy(action)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).extracting(Problem::message).containsExactly(messages));
  }
}
