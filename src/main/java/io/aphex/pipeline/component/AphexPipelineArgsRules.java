package io.aphex.pipeline.component;

import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.argo.PodSecurity;
import io.aphex.pipeline.argo.Reporting;
import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.ServiceNameRules;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookEndpoint;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.images.ImagePinning;
import io.aphex.pipeline.images.ImageResolver;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.plan.DeployTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * The validation rules of {@link AphexPipelineArgs}. Each problem's location is the property name,
 * which is also the stack config key, so the stack-config program can point at the key.
 */
final class AphexPipelineArgsRules {

  /** Longest ServiceAccount name: {@code <name>-rolebinding} must still fit a 63-char label. */
  static final int MAX_SERVICE_ACCOUNT_NAME = 63 - "-rolebinding".length();

  private static final Set<String> REQUIRED =
      Set.of(
          "clusterName", "githubOwner", "githubRepo", "githubTokenSecretName", "selfUpdateStack");

  private static final java.util.regex.Pattern POLICY_ARN =
      java.util.regex.Pattern.compile(
          "arn:aws(-cn|-us-gov)?:iam::(aws|[0-9]{12}):policy/[A-Za-z0-9+=,.@_/-]{1,512}");

  private AphexPipelineArgsRules() {}

  static List<Problem> check(AphexPipelineArgs a) {
    List<Problem> problems = new ArrayList<>();
    boolean badPipelineName =
        a.pipelineName()
            .map(n -> dns1035Label(n, AphexPipelineArgs.MAX_PIPELINE_NAME).isPresent())
            .orElse(false);
    // A name derived from an invalid pipelineName is not the user's doing: pipelineName's own
    // problem covers it, and blaming a key the user never set would send them looking for it.
    Function<String, Boolean> derived =
        property -> badPipelineName && a.isDerivedFromPipelineName(property);
    if (!a.hasClusterName() || a.knownClusterName().isPresent()) {
      required(
          problems,
          "clusterName",
          a.knownClusterName().orElse(null),
          "the name of the existing EKS cluster");
    }
    required(problems, "githubOwner", a.githubOwner(), "the GitHub user or organization");
    required(problems, "githubRepo", a.githubRepo(), "the repository name, without the owner");
    required(
        problems,
        "githubTokenSecretName",
        a.githubTokenSecretName(),
        "the AWS Secrets Manager secret that holds the GitHub token as JSON key 'token'");
    if (a.pipelineConfig() != null) {
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
    }
    if (a.pipelineConfig() == null) {
      problems.add(
          new Problem(
              "pipelineConfig",
              null,
              "is required",
              "pass the pipeline definition, e.g. PipelineConfigParser.parse(Path.of(\"aphex-config.yaml\"))"));
    }
    check(
        problems,
        "clusterName",
        a.knownClusterName().orElse(null),
        AphexPipelineArgsRules::eksClusterName,
        "use the name shown by 'aws eks list-clusters'");
    check(
        problems,
        "oidcProviderArn",
        a.knownOidcProviderArn().orElse(null),
        AphexPipelineArgsRules::oidcProviderArn,
        OIDC_PROVIDER_ARN_FIX);
    check(
        problems,
        "oidcIssuerUrl",
        a.knownOidcIssuerUrl().orElse(null),
        AphexPipelineArgsRules::oidcIssuerUrl,
        OIDC_ISSUER_URL_FIX);
    check(
        problems,
        "githubOwner",
        a.githubOwner(),
        ServiceNameRules::githubOwner,
        "use the owner part of github.com/<owner>/<repo>");
    check(
        problems,
        "githubRepo",
        a.githubRepo(),
        ServiceNameRules::githubRepo,
        "use the repo part of github.com/<owner>/<repo>");
    check(
        problems,
        "githubTokenSecretName",
        a.githubTokenSecretName(),
        ServiceNameRules::secretsManagerName,
        "use the secret's name as shown by 'aws secretsmanager list-secrets'");
    check(
        problems,
        "githubBranch",
        a.githubBranch(),
        ServiceNameRules::gitBranch,
        "use a branch name such as 'main'");
    check(
        problems,
        "argoNamespace",
        a.argoNamespace(),
        NameRules::dns1123Label,
        "use the namespace Argo Workflows runs in, e.g. 'argo'");
    check(
        problems,
        "argoEventsNamespace",
        a.argoEventsNamespace(),
        NameRules::dns1123Label,
        "use the namespace Argo Events runs in, e.g. 'argo-events'");
    check(
        problems,
        "serviceAccountName",
        derived.apply("serviceAccountName") ? null : a.serviceAccountName(),
        v -> NameRules.dns1123Label(v, MAX_SERVICE_ACCOUNT_NAME),
        "use a short lower-case name such as 'workflow-executor'");
    check(
        problems,
        "workflowTemplateName",
        derived.apply("workflowTemplateName") ? null : a.workflowTemplateName(),
        NameRules::dns1123Label,
        "use a lower-case name such as 'aphex-pipeline-template'");
    a.artifactBucketName()
        .ifPresent(
            b ->
                check(
                    problems,
                    "artifactBucketName",
                    b,
                    ServiceNameRules::s3Bucket,
                    "use a name like 'my-team-pipeline-artifacts', or unset it for the default"));
    if (a.importArtifactBucket() && a.artifactBucketName().isEmpty()) {
      problems.add(
          new Problem(
              "importArtifactBucket",
              "true",
              "needs the name of the bucket to adopt, but artifactBucketName is not set",
              "set artifactBucketName to the existing bucket's name (for the default name:"
                  + " aphex-pipeline-artifacts-<account>-<region>)"));
    }
    if (a.artifactRetentionDays() < 1 || a.artifactRetentionDays() > 3650) {
      problems.add(
          new Problem(
              "artifactRetentionDays",
              Integer.toString(a.artifactRetentionDays()),
              "is outside 1 to 3650 days",
              "use a whole number of days such as 90 (artifacts cannot be kept forever)"));
    }
    a.pipelineName()
        .ifPresent(
            n ->
                check(
                    problems,
                    "pipelineName",
                    n,
                    v -> dns1035Label(v, AphexPipelineArgs.MAX_PIPELINE_NAME),
                    "use a short lower-case name starting with a letter, such as 'team-a'"));
    check(
        problems,
        "eventSourceName",
        derived.apply("eventSourceName") ? null : a.eventSourceName(),
        v -> dns1035Label(v, TriggerSettings.MAX_EVENT_SOURCE_NAME_LENGTH),
        "use a lower-case name starting with a letter, such as 'github'");
    check(
        problems,
        "sensorName",
        derived.apply("sensorName") ? null : a.sensorName(),
        v -> NameRules.dns1123Label(v, TriggerSettings.MAX_SENSOR_NAME_LENGTH),
        "use a lower-case name such as 'aphex-pipeline-sensor'");
    check(
        problems,
        "workflowNamePrefix",
        derived.apply("workflowNamePrefix") ? null : a.workflowNamePrefix(),
        AphexPipelineArgsRules::generateNamePrefix,
        "use a lower-case prefix ending with '-', such as 'aphex-pipeline-'");
    a.githubWebhookSecretName()
        .ifPresent(
            s ->
                check(
                    problems,
                    "githubWebhookSecretName",
                    s,
                    ServiceNameRules::secretsManagerName,
                    "use the name of a Secrets Manager secret holding {\"secret\": \"...\"}, or"
                        + " unset it to generate the webhook secret"));
    a.webhookUrl()
        .ifPresent(
            u ->
                check(
                    problems,
                    "webhookUrl",
                    u,
                    WebhookEndpoint::redactUserInfo,
                    WebhookEndpoint::checkWebhookUrl,
                    "use the public base URL GitHub can reach, e.g. https://hooks.example.com (the"
                        + " hook is <webhookUrl>/push)"));
    problems.addAll(reportingProblems(a));
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
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < a.additionalPolicyArns().size(); i++) {
      String arn = a.additionalPolicyArns().get(i);
      String location = "additionalPolicyArns[" + i + "]";
      Optional<String> broken = policyArn(arn);
      if (broken.isPresent()) {
        problems.add(new Problem(location, arn, broken.get(), POLICY_ARN_FIX));
      } else if (!seen.add(arn)) {
        problems.add(new Problem(location, arn, "is listed twice", "remove the duplicate"));
      }
    }
    problems.addAll(AwsProviderConfig.problems(a.awsProviderConfig()));
    a.plainImages().ifPresent(i -> problems.addAll(images(i, a.requireImmutableImages())));
    check(
        problems,
        "selfUpdateProjectDir",
        a.selfUpdateProjectDir(),
        ServiceNameRules::relativePath,
        "use the directory of Pulumi.yaml relative to the repository root, e.g. '.' or 'infra/pipeline'");
    required(
        problems,
        "selfUpdateStack",
        a.selfUpdateStack(),
        "the stack the pipeline-deployment stage updates, usually ctx.stackName()");
    check(
        problems,
        "selfUpdateStack",
        a.selfUpdateStack(),
        NameRules::pulumiStackName,
        "use a stack name such as 'dev' or 'my-org/aphex-pipeline/dev'");
    a.pulumiBackendUrl()
        .ifPresent(
            u ->
                check(
                    problems,
                    "pulumiBackendUrl",
                    u,
                    ServiceNameRules::pulumiBackendUrl,
                    "use e.g. 's3://my-state-bucket' or unset it for Pulumi Cloud"));
    a.pulumiAccessTokenSecretName()
        .ifPresent(
            s ->
                check(
                    problems,
                    "pulumiAccessTokenSecretName",
                    s,
                    NameRules::dns1123Subdomain,
                    "use the name of a Secret in the workflow namespace with key 'token'"));
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

  private static void required(
      List<Problem> problems, String property, @Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      problems.add(
          new Problem(property, value == null ? null : value, "is required", "set it to " + what));
    }
  }

  private static void check(
      List<Problem> problems,
      String property,
      @Nullable String value,
      Function<String, Optional<String>> rule,
      String fix) {
    check(problems, property, value, Function.identity(), rule, fix);
  }

  /** Checks a value that is shown as {@code shown(value)}, e.g. with its password masked. */
  private static void check(
      List<Problem> problems,
      String property,
      @Nullable String value,
      Function<String, String> shown,
      Function<String, Optional<String>> rule,
      String fix) {
    if (value == null || (value.isBlank() && REQUIRED.contains(property))) {
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
    return dns1035Label(name, AphexPipelineArgs.MAX_PIPELINE_NAME).stream().toList();
  }

  private static final java.util.regex.Pattern UI_URL =
      java.util.regex.Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s?#{}$]*)?");

  /** The rules of argoUiUrl and the notification settings. */
  private static List<Problem> reportingProblems(AphexPipelineArgs a) {
    List<Problem> problems = new ArrayList<>();
    a.argoUiUrl()
        .ifPresent(
            url ->
                check(
                    problems,
                    "argoUiUrl",
                    url,
                    WebhookEndpoint::redactUserInfo,
                    u ->
                        UI_URL.matcher(u).matches()
                            ? Optional.empty()
                            : Optional.of(
                                "is not the base URL of the Argo UI (http:// or https://, a host,"
                                    + " an optional port and path; no user name, query, fragment,"
                                    + " '{', '}' or '$')"),
                    "use the address you open the Argo UI at, e.g. https://argo.example.com"));
    a.notificationWebhookSecretName()
        .ifPresent(
            name ->
                check(
                    problems,
                    "notificationWebhookSecretName",
                    name,
                    ServiceNameRules::secretsManagerName,
                    "use the name of a Secrets Manager secret holding {\"url\": \"https://...\"}"));
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < a.notificationEvents().size(); i++) {
      String event = a.notificationEvents().get(i);
      String location = "notificationEvents[" + i + "]";
      if (!Reporting.Notifications.EVENTS.contains(event)) {
        problems.add(
            new Problem(
                location,
                event,
                "is not a notification event",
                "use some of " + String.join(", ", Reporting.Notifications.EVENTS)));
      } else if (!seen.add(event)) {
        problems.add(new Problem(location, event, "is listed twice", "remove the duplicate"));
      }
    }
    String payload = a.notificationPayload();
    if (payload == null || payload.isBlank()) {
      problems.add(
          new Problem(
              "notificationPayload",
              payload,
              "is empty",
              "use a jq program, e.g. " + Reporting.Notifications.SLACK_PAYLOAD));
    } else if (payload.contains("{{") || payload.contains("$")) {
      problems.add(
          new Problem(
              "notificationPayload",
              payload,
              "contains '{{' or '$', which Argo or Kubernetes would substitute",
              "write the jq program without variables, e.g. {text: .text, link: .url}"));
    }
    boolean customized =
        !a.notificationEvents().equals(Reporting.Notifications.DEFAULT_EVENTS)
            || !Reporting.Notifications.SLACK_PAYLOAD.equals(payload);
    // Events or a payload without a webhook would silently do nothing.
    if (customized && a.notificationWebhookSecretName().isEmpty()) {
      boolean payloadChanged = !Reporting.Notifications.SLACK_PAYLOAD.equals(payload);
      problems.add(
          new Problem(
              payloadChanged ? "notificationPayload" : "notificationEvents",
              payloadChanged ? payload : String.join(", ", a.notificationEvents()),
              "has no effect without notificationWebhookSecretName",
              "set notificationWebhookSecretName to the Secrets Manager secret holding the webhook"
                  + " URL"));
    }
    return problems;
  }

  private static Optional<String> dns1035Label(String value, int maxLength) {
    Optional<String> label = NameRules.dns1123Label(value, maxLength);
    if (label.isPresent()) {
      return label;
    }
    return Character.isLetter(value.charAt(0))
        ? Optional.empty()
        : Optional.of(
            "starts with a digit; Service names derived from it must start with a letter"
                + " (DNS-1035)");
  }

  private static Optional<String> generateNamePrefix(String value) {
    return value.matches("[a-z0-9]([-a-z0-9.]*)?") && value.length() <= 58
        ? Optional.empty()
        : Optional.of(
            "is not a valid generateName prefix (at most 58 lower-case letters, digits, '-' and"
                + " '.', starting with a letter or digit)");
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

  static final String POLICY_ARN_FIX =
      "use e.g. arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess or"
          + " arn:aws:iam::123456789012:policy/my-policy";

  static Optional<String> policyArn(String value) {
    return POLICY_ARN.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("is not an IAM policy ARN");
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

  private static Optional<String> eksClusterName(String value) {
    return value.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
        ? Optional.empty()
        : Optional.of(
            "is not an EKS cluster name (1 to 100 letters, digits, '-' and '_', starting with a"
                + " letter or digit)");
  }
}
