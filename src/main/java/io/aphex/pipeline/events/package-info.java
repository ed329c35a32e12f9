/**
 * The Argo Events trigger path of a pipeline as plain Kubernetes objects: the GitHub {@code
 * EventSource} ({@link io.aphex.pipeline.events.GithubEventSource}), the Service that exposes its
 * webhook ({@link io.aphex.pipeline.events.WebhookService}), the {@code Sensor} that creates a
 * Workflow per push ({@link io.aphex.pipeline.events.PipelineSensor}) with its ServiceAccount and
 * RBAC ({@link io.aphex.pipeline.events.SensorRbac}), the two Secrets the EventSource reads ({@link
 * io.aphex.pipeline.events.GithubSecrets}), and the human-readable webhook outputs ({@link
 * io.aphex.pipeline.events.WebhookEndpoint}). Pure Java, no Pulumi types.
 */
package io.aphex.pipeline.events;
