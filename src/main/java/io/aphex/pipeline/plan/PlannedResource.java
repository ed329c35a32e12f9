package io.aphex.pipeline.plan;

import java.util.Map;

/**
 * A resource as {@code pulumi up} registers it.
 *
 * @param type the Pulumi type token, e.g. {@code aws:iam/role:Role}
 * @param name the logical name
 * @param parent the parent's type and name ({@code <type>::<name>}); empty only for the stack
 * @param inputs the inputs as sent to the engine, keys sorted at every level, secret values
 *     replaced by {@value DeployTime#SECRET}
 * @param options the resource options that change what {@code pulumi up} does with the resource,
 *     only those set, in this order: {@code provider} (the explicit provider's {@code
 *     <type>::<name>}), {@code version} (the provider plugin version), {@code dependsOn} (every
 *     resource it waits for, explicit or implied by its inputs, sorted), {@code protect}, {@code
 *     retainOnDelete}, {@code deleteBeforeReplace}, {@code additionalSecretOutputs}, {@code
 *     ignoreChanges}, {@code replaceOnChanges} and {@code import}
 */
public record PlannedResource(
    String type,
    String name,
    String parent,
    Map<String, Object> inputs,
    Map<String, Object> options) {

  /**
   * How other resources refer to this one.
   *
   * @return {@code <type>::<name>}
   */
  public String ref() {
    return ref(type, name);
  }

  /**
   * How other resources refer to a resource.
   *
   * @param type its type token
   * @param name its logical name
   * @return {@code <type>::<name>}
   */
  public static String ref(String type, String name) {
    return type + "::" + name;
  }
}
