package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Data-source look-ups and values known only at deploy time, whose failure is a message naming
 * cause and fix, not AWS's raw error or a stack trace.
 */
final class Lookups {

  private Lookups() {}

  /**
   * Maps a look-up's result, or fails it with a {@link RunException}, which the SDK prints without
   * a stack trace.
   *
   * @param lookup the pending look-up
   * @param found what to make of its result
   * @param message the message for a failure, given what AWS said
   * @return the mapped result
   */
  static <T, R> CompletableFuture<R> explained(
      CompletableFuture<T> lookup, Function<T, R> found, Function<String, String> message) {
    return lookup.handle(
        (result, error) -> {
          if (error != null) {
            Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            throw new RunException(message.apply(String.valueOf(cause.getMessage())));
          }
          return found.apply(result);
        });
  }

  /**
   * Checks a value once it is known, failing the deployment with a {@link RunException}.
   *
   * @param value the value
   * @param failure the message of what is wrong with a value, or empty when it is good
   * @return the same value, checked
   */
  static <T> Output<T> checked(Output<T> value, Function<T, Optional<String>> failure) {
    return value.applyValue(
        known -> {
          failure
              .apply(known)
              .ifPresent(
                  message -> {
                    throw new RunException(message);
                  });
          return known;
        });
  }
}
