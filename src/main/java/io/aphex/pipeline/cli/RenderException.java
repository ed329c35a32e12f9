package io.aphex.pipeline.cli;

/** A render that cannot complete, with a message meant for the user (no stack trace). */
final class RenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RenderException(String message) {
    super(message);
  }
}
