package io.aphex.pipeline.cli;

import java.util.Map;

/**
 * A resource as the engine received it during an offline render.
 *
 * @param type the Pulumi type token, e.g. {@code aws:iam/role:Role}
 * @param name the logical name
 * @param parent the parent's type and name ({@code <type>::<name>}); empty only for the stack and
 *     for providers without a parent
 * @param inputs the inputs as sent to the engine, with secret values replaced by {@code [secret]}
 * @param options the resource options that change what {@code pulumi up} does with the resource,
 *     only those set, by their {@code plan.json} names (see {@link RecordingMonitor#options})
 */
public record RegisteredResource(
    String type,
    String name,
    String parent,
    Map<String, Object> inputs,
    Map<String, Object> options) {}
