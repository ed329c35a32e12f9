package io.aphex.pipeline.argo;

import static java.util.Objects.requireNonNull;

import io.aphex.pipeline.iam.IdentityMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the WorkflowTemplate needs besides the pipeline config: names, images and the AWS
 * resources the stages use, and how the stage pods are secured. The values are plain, already
 * resolved strings.
 *
 * @param name the WorkflowTemplate name ({@code metadata.name}), which the Sensor references
 * @param namespace the namespace of the WorkflowTemplate and of the workflows it runs
 * @param labels the labels of the WorkflowTemplate, in the order they should be written; may be
 *     empty
 * @param serviceAccountName the ServiceAccount every stage pod runs as ({@code
 *     spec.serviceAccountName}); the IRSA ServiceAccount, never {@code default}
 * @param builderImage the image of the {@code build} stage, with a tag or digest
 * @param deployerImage the image of the {@code pipeline-deployment}, {@code deploy} and {@code
 *     test} stages, with a tag or digest
 * @param roleArn the ARN of the IAM role the stages assume through IRSA ({@code AWS_ROLE_ARN})
 * @param artifactBucket the name (not the ARN) of the S3 bucket that carries build artifacts from
 *     {@code build} to the later stages
 * @param selfUpdate how {@code pipeline-deployment} updates the pipeline's own Pulumi stack
 * @param podSecurity the security context of every stage pod and container; {@link
 *     PodSecurity#defaults()} unless set
 * @param identityMode how the pods get the role's credentials: with {@link IdentityMode#IRSA} the
 *     stages get {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE}; with {@link
 *     IdentityMode#POD_IDENTITY} neither (the Pod Identity agent injects its own variables, and a
 *     web-identity variable would make the AWS SDKs look for a token that does not exist)
 * @param reporting how the pipeline reports back (commit statuses, notifications, metrics); empty
 *     for none
 */
public record WorkflowTemplateSettings(
    String name,
    String namespace,
    Map<String, String> labels,
    String serviceAccountName,
    String builderImage,
    String deployerImage,
    String roleArn,
    String artifactBucket,
    SelfUpdate selfUpdate,
    PodSecurity podSecurity,
    IdentityMode identityMode,
    Optional<Reporting> reporting) {

  /** Creates the settings; every component is required and the labels are copied in order. */
  public WorkflowTemplateSettings {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    requireNonNull(serviceAccountName, "serviceAccountName");
    requireNonNull(builderImage, "builderImage");
    requireNonNull(deployerImage, "deployerImage");
    requireNonNull(roleArn, "roleArn");
    requireNonNull(artifactBucket, "artifactBucket");
    requireNonNull(selfUpdate, "selfUpdate");
    requireNonNull(podSecurity, "podSecurity");
    requireNonNull(identityMode, "identityMode");
    requireNonNull(reporting, "reporting");
  }
}
