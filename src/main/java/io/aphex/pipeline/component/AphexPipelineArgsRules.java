package io.aphex.pipeline.component;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.argo.PodSecurity;
import io.aphex.pipeline.argo.Reporting;
import io.aphex.pipeline.config.AwsProviderConfigSchema;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.events.WebhookEndpoint;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.images.ImagePinning;
import io.aphex.pipeline.images.ImageResolver;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.plan.DeployTargets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * The validation rules of {@link AphexPipelineArgs}. Each problem's location is the property name,
 * which is also the stack config key, so the stack-config program can point at the key. The rules
 * of single settings (patterns, lengths, ranges, allowed values) are those of the stack-config
 * schema, which checks the args' plain values ({@link StackConfigSchema#checkSettings}); what
 * follows is what a schema cannot say: required values that have several ways to be set, rules
 * across settings and the pipeline definition, values shown redacted, and values that only the
 * component's own types check.
 */
final class AphexPipelineArgsRules {

  /** The required settings, in the order they are reported, with what each one is. */
  private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

  static {
    REQUIRED.put("clusterName", "the name of the existing EKS cluster");
    REQUIRED.put("githubOwner", "the GitHub user or organization");
    REQUIRED.put("githubRepo", "the repository name, without the owner");
    REQUIRED.put(
        "githubTokenSecretName",
        "the AWS Secrets Manager secret that holds the GitHub token as JSON key 'token'");
    REQUIRED.put(
        "selfUpdateStack",
        "the stack the pipeline-deployment stage updates, usually ctx.stackName()");
  }

  private AphexPipelineArgsRules() {}

  static List<Problem> check(AphexPipelineArgs a) {
    List<Problem> problems = new ArrayList<>();
    ObjectNode settings = a.settings();
    REQUIRED.forEach(
        (key, what) -> {
          String value = settings.path(key).textValue();
          // A cluster name given as an Output is set; it is checked when it resolves.
          boolean output = key.equals("clusterName") && a.hasClusterName() && value == null;
          if (!output && (value == null || value.isBlank())) {
            problems.add(
                new Problem(
                    key,
                    value,
                    (value == null ? "" : "is blank, but ") + "it is required: " + what,
                    "set " + key + " on AphexPipelineArgs.builder()"));
            // Reported as missing, and not again by its pattern.
            settings.remove(key);
          }
        });
    if (a.pipelineConfig() == null) {
      problems.add(
          new Problem(
              "pipelineConfig",
              null,
              "it is required: the pipeline definition",
              "call .pipelineConfig(PipelineConfigParser.parse(Path.of(\"aphex-config.yaml\")))"
                  + " on AphexPipelineArgs.builder()"));
    } else {
      problems.addAll(pipelineSize(a));
    }
    StackConfigSchema.checkSettings(settings).values().forEach(problems::addAll);
    check(
        problems,
        "oidcProviderArn",
        a.knownOidcProviderArn().orElse(null),
        Function.identity(),
        AphexPipelineArgsRules::oidcProviderArn,
        OIDC_PROVIDER_ARN_FIX);
    check(
        problems,
        "oidcIssuerUrl",
        a.knownOidcIssuerUrl().orElse(null),
        Function.identity(),
        AphexPipelineArgsRules::oidcIssuerUrl,
        OIDC_ISSUER_URL_FIX);
    if (a.importArtifactBucket() && a.artifactBucketName().isEmpty()) {
      problems.add(
          new Problem(
              "importArtifactBucket",
              "true",
              "needs the name of the bucket to adopt, but artifactBucketName is not set",
              "set artifactBucketName to the existing bucket's name (for the default name:"
                  + " aphex-pipeline-artifacts-<account>-<region>)"));
    }
    check(
        problems,
        "webhookUrl",
        a.webhookUrl().orElse(null),
        WebhookEndpoint::redactUserInfo,
        WebhookEndpoint::checkWebhookUrl,
        "use the public base URL GitHub can reach, e.g. https://hooks.example.com (the hook is"
            + " <webhookUrl>/push)");
    check(
        problems,
        "argoUiUrl",
        a.argoUiUrl().orElse(null),
        WebhookEndpoint::redactUserInfo,
        u ->
            u.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s?#{}$]*)?")
                ? Optional.empty()
                : Optional.of(
                    "is not the base URL of the Argo UI (http:// or https://, a host, an optional"
                        + " port and path; no user name, query, fragment, '{', '}' or '$')"),
        "use the address you open the Argo UI at, e.g. https://argo.example.com");
    // Events or a payload without a webhook would silently do nothing.
    boolean payloadChanged = !Reporting.Notifications.SLACK_PAYLOAD.equals(a.notificationPayload());
    boolean eventsChanged = !a.notificationEvents().equals(Reporting.Notifications.DEFAULT_EVENTS);
    if ((payloadChanged || eventsChanged) && a.notificationWebhookSecretName().isEmpty()) {
      problems.add(
          new Problem(
              payloadChanged ? "notificationPayload" : "notificationEvents",
              payloadChanged ? a.notificationPayload() : String.join(", ", a.notificationEvents()),
              "has no effect without notificationWebhookSecretName",
              "set notificationWebhookSecretName to the Secrets Manager secret holding the webhook"
                  + " URL"));
    }
    problems.addAll(WebhookServiceSettings.validate(a.webhookService()));
    problems.addAll(PodSecurity.validate(a.podSecurity()));
    if (a.additionalPolicyArns().size() > WorkflowPolicies.MAX_MANAGED_POLICIES_PER_ROLE) {
      problems.add(
          new Problem(
              "additionalPolicyArns",
              a.additionalPolicyArns().size() + " policies",
              "are more than IAM attaches to one role (at most "
                  + WorkflowPolicies.MAX_MANAGED_POLICIES_PER_ROLE
                  + " managed policies; 10 unless the account's quota was raised)",
              "combine the permissions into fewer customer managed policies"));
    }
    duplicates(problems, "additionalPolicyArns", a.additionalPolicyArns());
    duplicates(problems, "notificationEvents", a.notificationEvents());
    problems.addAll(AwsProviderConfigSchema.problems(a.awsProviderConfig()));
    a.plainImages().ifPresent(i -> problems.addAll(images(i, a.requireImmutableImages())));
    if (problems.isEmpty() && a.pipelineConfig() != null) {
      int templateBytes = WorkflowTemplateSize.bytes(a);
      if (templateBytes > WorkflowTemplateSize.MAX_OBJECT_BYTES) {
        problems.add(
            new Problem(
                "pipelineConfig",
                a.pipelineConfig().environments().size()
                    + " environments ("
                    + templateBytes
                    + " bytes of WorkflowTemplate)",
                "are more than one Kubernetes object holds ("
                    + WorkflowTemplateSize.MAX_OBJECT_BYTES
                    + " bytes)",
                "split the environments over several pipelines, each with its own pipelineName"));
      }
    }
    return problems;
  }

  /** The limits the pipeline's environments meet: IAM's managed policies and a ConfigMap's size. */
  private static List<Problem> pipelineSize(AphexPipelineArgs a) {
    List<Problem> problems = new ArrayList<>();
    List<String> roles = DeployTargets.roleArns(a.pipelineConfig());
    List<Map.Entry<String, String>> targets = DeployTargets.cdkTargets(a.pipelineConfig());
    int deployPolicies = WorkflowPolicies.deployPolicies(roles, targets).managed().size();
    int managed = deployPolicies + a.additionalPolicyArns().size();
    if (managed > WorkflowPolicies.MAX_MANAGED_POLICIES_PER_ROLE
        && a.additionalPolicyArns().size() <= WorkflowPolicies.MAX_MANAGED_POLICIES_PER_ROLE) {
      problems.add(
          new Problem(
              "pipelineConfig",
              targets.stream().map(Map.Entry::getKey).distinct().count()
                  + " target accounts"
                  + (roles.isEmpty() ? "" : " and " + roles.size() + " deploy roles")
                  + " ("
                  + deployPolicies
                  + " managed policies) with "
                  + a.additionalPolicyArns().size()
                  + " additionalPolicyArns",
              "need "
                  + managed
                  + " managed policies on the workflow role; IAM attaches at most "
                  + WorkflowPolicies.MAX_MANAGED_POLICIES_PER_ROLE
                  + " to a role",
              "split the environments over several pipelines, each with its own pipelineName,"
                  + " or attach fewer additionalPolicyArns"));
    }
    int targetBytes = PipelineTargets.dataBytes(a.pipelineConfig());
    if (targetBytes > PipelineTargets.MAX_DATA_BYTES) {
      problems.add(
          new Problem(
              "pipelineConfig",
              a.pipelineConfig().environments().size()
                  + " environments ("
                  + targetBytes
                  + " bytes of targets)",
              "are more than one Kubernetes ConfigMap holds ("
                  + PipelineTargets.MAX_DATA_BYTES
                  + " bytes of data; Kubernetes refuses objects over 1 MiB)",
              "split the environments over several pipelines, each with its own pipelineName"));
    }
    return problems;
  }

  /** A value listed twice in a list setting; the schema reports the values that break its rule. */
  private static void duplicates(List<Problem> problems, String key, List<String> values) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String location = key + "[" + i + "]";
      boolean broken = problems.stream().anyMatch(p -> p.location().equals(location));
      if (!broken && !seen.add(values.get(i))) {
        problems.add(
            new Problem(location, values.get(i), "is listed twice", "remove the duplicate"));
      }
    }
  }

  /**
   * Checks a value, when it is set, that is shown as {@code shown(value)}, e.g. with its password
   * masked.
   */
  private static void check(
      List<Problem> problems,
      String property,
      @Nullable String value,
      Function<String, String> shown,
      Function<String, Optional<String>> rule,
      String fix) {
    if (value == null) {
      return;
    }
    rule.apply(value)
        .ifPresent(broken -> problems.add(new Problem(property, shown.apply(value), broken, fix)));
  }

  /**
   * What is wrong with a value as a pipeline name.
   *
   * @param name the candidate, e.g. a component name
   * @return the broken rule, or empty when the name is valid
   */
  static List<String> pipelineNameProblems(String name) {
    return StackConfigSchema.checkSetting("pipelineName", name).stream()
        .map(Problem::rule)
        .toList();
  }

  /**
   * The problems of image settings, checked at build time when they are plain values and at deploy
   * time when one of them came as an Output.
   *
   * @param images the settings
   * @param requireImmutable whether a mutable tag is an error
   * @return the problems, empty when the settings are valid
   */
  static List<Problem> images(ImageSettings images, boolean requireImmutable) {
    List<Problem> problems = new ArrayList<>(ImageResolver.validate(images));
    if (requireImmutable) {
      ImagePinning.unpinned(images).stream()
          .map(
              p ->
                  new Problem(
                      p.location(),
                      p.value(),
                      p.rule() + " and requireImmutableImages is true",
                      p.fix()))
          .forEach(problems::add);
    }
    return problems;
  }

  /**
   * What is wrong with a value as an additional policy ARN, e.g. one that resolved at deploy time.
   *
   * @param value the ARN
   * @return the problem, located at {@code additionalPolicyArns[0]}, or empty when it is valid
   */
  static Optional<Problem> policyArn(String value) {
    return StackConfigSchema.checkSetting("additionalPolicyArns", List.of(value)).stream()
        .findFirst();
  }

  static final String OIDC_PROVIDER_ARN_FIX =
      "use the ARN of the cluster's IAM OIDC provider, e.g. pulumi-eks"
          + " cluster.core().oidcProvider()'s arn(), or"
          + " arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";

  static final String OIDC_ISSUER_URL_FIX =
      "use the cluster's OIDC issuer, e.g."
          + " https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE (aws eks describe-cluster"
          + " --query cluster.identity.oidc.issuer)";

  static Optional<String> oidcProviderArn(String value) {
    return value.matches("arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:oidc-provider/[^/\\s]+(/\\S+)?")
        ? Optional.empty()
        : Optional.of(
            "is not an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer host and"
                + " path>); pulumi-eks gives an empty value when the cluster was created without"
                + " createOidcProvider");
  }

  static Optional<String> oidcIssuerUrl(String value) {
    return value.matches("(https://)?[A-Za-z0-9.-]+(:[0-9]+)?(/\\S*)?")
        ? Optional.empty()
        : Optional.of("is not an OIDC issuer URL (https://<host>/<path>)");
  }
}
