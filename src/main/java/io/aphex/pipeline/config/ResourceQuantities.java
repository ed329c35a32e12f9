package io.aphex.pipeline.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes resource quantities a stage may set, checked and compared as Kubernetes does:
 * {@code cpu} in cores or millicores ({@code 2}, {@code 0.5}, {@code 500m}), {@code memory} in
 * bytes with a binary or decimal suffix ({@code 512Mi}, {@code 4Gi}, {@code 1G}).
 */
public final class ResourceQuantities {

  /** Cores with at most three decimals, or whole millicores; as the schema's {@code cpu}. */
  private static final Pattern CPU =
      Pattern.compile("([0-9]{1,15}(?:\\.[0-9]{1,3})?)|([0-9]{1,15})m");

  /** Bytes with an optional unit; as the schema's {@code memory}. */
  private static final Pattern MEMORY = Pattern.compile("([0-9]{1,15})(Ki|Mi|Gi|Ti|k|M|G|T)?");

  private static final Map<String, Long> MEMORY_UNITS =
      Map.of(
          "", 1L,
          "k", 1_000L,
          "M", 1_000_000L,
          "G", 1_000_000_000L,
          "T", 1_000_000_000_000L,
          "Ki", 1L << 10,
          "Mi", 1L << 20,
          "Gi", 1L << 30,
          "Ti", 1L << 40);

  private ResourceQuantities() {}

  /**
   * Checks a quantity of a resource.
   *
   * @param resource {@code cpu} or {@code memory}
   * @param value the quantity as written
   * @return the broken rule, or empty
   */
  public static Optional<String> check(String resource, String value) {
    Optional<BigDecimal> amount = amount(resource, value);
    if (amount.isEmpty()) {
      return Optional.of(
          resource.equals("cpu")
              ? "is not a CPU quantity (cores such as 2 or 0.5, or millicores such as 500m)"
              : "is not a memory quantity (bytes with a unit such as 512Mi, 4Gi or 1G)");
    }
    return amount.get().signum() > 0 ? Optional.empty() : Optional.of("must be more than zero");
  }

  /**
   * Compares two valid quantities of one resource.
   *
   * @param resource {@code cpu} or {@code memory}
   * @param a the first quantity
   * @param b the second quantity
   * @return negative, zero or positive as {@code a} is less than, equal to or more than {@code b}
   */
  public static int compare(String resource, String a, String b) {
    return amount(resource, a).orElseThrow().compareTo(amount(resource, b).orElseThrow());
  }

  /**
   * The amount in millicores or bytes. At most 15 digits before the unit: more is no quantity, and
   * a BigDecimal of a megabyte of digits costs quadratic time.
   */
  private static Optional<BigDecimal> amount(String resource, String value) {
    boolean cpu = resource.equals("cpu");
    Matcher quantity = (cpu ? CPU : MEMORY).matcher(value);
    if (!quantity.matches()) {
      return Optional.empty();
    }
    if (cpu) {
      return Optional.of(
          quantity.group(1) != null
              ? new BigDecimal(quantity.group(1)).movePointRight(3)
              : new BigDecimal(quantity.group(2)));
    }
    String unit = quantity.group(2) == null ? "" : quantity.group(2);
    return Optional.of(
        new BigDecimal(quantity.group(1)).multiply(BigDecimal.valueOf(MEMORY_UNITS.get(unit))));
  }
}
