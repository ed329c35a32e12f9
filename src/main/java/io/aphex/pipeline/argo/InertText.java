package io.aphex.pipeline.argo;

/**
 * Keeps data from being rewritten on its way into a stage pod. Argo substitutes every <code>
 * {{...}}</code> in a template, and Kubernetes expands {@code $(NAME)} and turns {@code $$} into
 * {@code $} in container env values and args. Data either must not contain those characters or is
 * encoded so that it does not.
 */
final class InertText {

  private InertText() {}

  /**
   * Returns {@code value} unchanged when neither Argo nor Kubernetes would rewrite it.
   *
   * @param what names the value in the error message, e.g. {@code env AWS_ROLE_ARN}
   * @param value the literal placed into the template
   * @return {@code value}
   * @throws IllegalArgumentException when the value contains <code>{{</code> or {@code $}
   */
  static String requireInert(String what, String value) {
    if (value.contains("{{") || value.contains("$")) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' contains '{{' or '$', which Argo or Kubernetes would substitute; it must be a"
              + " plain value");
    }
    return value;
  }
}
