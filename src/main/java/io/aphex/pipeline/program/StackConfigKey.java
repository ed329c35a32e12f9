package io.aphex.pipeline.program;

import java.util.Optional;

/**
 * One key of the {@code aphex-pipeline} stack config, as declared in {@code Pulumi.yaml}.
 *
 * @param name the key without namespace, e.g. {@code containerImageVersion}
 * @param type {@code string}, {@code integer} or {@code boolean}, the Pulumi project-config type;
 *     {@code object} for structured keys, which {@code Pulumi.yaml} cannot declare
 * @param required whether the key has no default
 * @param defaultValue the literal default when there is one; empty for required keys and for keys
 *     whose default is computed at deploy time
 * @param computedDefault how the default is computed, for keys without a literal default
 * @param description what the key means, as shown by {@code pulumi config} and the README
 */
public record StackConfigKey(
    String name,
    String type,
    boolean required,
    Optional<String> defaultValue,
    Optional<String> computedDefault,
    String description) {}
