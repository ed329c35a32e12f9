package io.aphex.pipeline.component;

import com.pulumi.exceptions.RunException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Data-source look-ups whose failure is a message naming cause and fix, not AWS's raw error. */
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
}
