package io.aphex.pipeline.review;

/**
 * Thrown when a directory or a set of objects is not a render this package can read: a file is
 * missing or unparsable, or the pipeline's WorkflowTemplate or targets ConfigMap is not there. The
 * message names the path or object and what was expected.
 */
public final class UnreadableRenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be read and why
   */
  public UnreadableRenderException(String message) {
    super(message);
  }
}
