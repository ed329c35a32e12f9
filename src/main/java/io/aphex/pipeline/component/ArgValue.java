package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * An argument given either as a plain value, known when the args are built (and so checked by
 * {@link AphexPipelineArgs.Builder#build()}), or as an {@link Output} of another resource, checked
 * when it resolves at deploy time.
 *
 * @param known the plain value, or empty for an Output
 * @param output the value as an Output, whichever way it was given
 * @param <T> the value type
 */
record ArgValue<T>(Optional<T> known, Output<T> output) {

  static <T> @Nullable ArgValue<T> plain(@Nullable T value) {
    return value == null ? null : new ArgValue<>(Optional.of(value), Output.of(value));
  }

  static <T> @Nullable ArgValue<T> of(@Nullable Output<T> value) {
    return value == null ? null : new ArgValue<>(Optional.empty(), value);
  }

  /** The value of an optional argument; an absent one is {@code fallback}. */
  static <T> Output<T> orElse(@Nullable ArgValue<T> value, T fallback) {
    return value == null ? Output.of(fallback) : value.output();
  }

  /** The plain value of an optional argument; empty when absent or an Output. */
  static <T> Optional<T> knownOrEmpty(@Nullable ArgValue<T> value) {
    return value == null ? Optional.empty() : value.known();
  }

  /** Whether the argument is absent or a plain value. */
  static boolean isPlainOrAbsent(@Nullable ArgValue<?> value) {
    return value == null || value.known().isPresent();
  }
}
