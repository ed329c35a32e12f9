package io.aphex.pipeline.plan;

import java.util.List;
import java.util.Map;

/**
 * The generated webhook secret: a {@code random:index/randomPassword:RandomPassword} with fixed
 * inputs, so that no later {@code pulumi up} generates it again.
 */
public final class RandomPasswordInputs {

  /** The Pulumi type token. */
  public static final String TYPE = "random:index/randomPassword:RandomPassword";

  /** Length of generated secrets: 48 alphanumerics, about 285 bits. */
  public static final int LENGTH = 48;

  /** Whether special characters are used: no, the value goes into URLs and headers. */
  public static final boolean SPECIAL = false;

  /** The outputs that hold the password, marked secret in the resource options. */
  public static final List<String> SECRET_OUTPUTS = List.of("result", "bcryptHash");

  private RandomPasswordInputs() {}

  /**
   * The inputs.
   *
   * @return length and special
   */
  public static Map<String, Object> inputs() {
    return Map.of("length", LENGTH, "special", SPECIAL);
  }
}
