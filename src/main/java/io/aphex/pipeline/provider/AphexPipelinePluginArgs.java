package io.aphex.pipeline.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import io.aphex.pipeline.program.StackConfigKeys;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The inputs of {@code aphex:index:AphexPipeline} as the plugin package serves it to other Pulumi
 * languages. The SDK infers the schema from these fields (every declared field is an input; an
 * {@code Output} field accepts values of other resources, a plain one must be known when the
 * component is constructed) and fills them from the engine's inputs. The names are the stack-config
 * keys, plus {@code pipelineConfigYaml} (the definition itself, since the plugin runs away from the
 * program's files) and the explicit-cluster inputs; {@link PluginSchema} adds the descriptions.
 */
public final class AphexPipelinePluginArgs extends ResourceArgs {

  @Import(name = "clusterName", required = true)
  private Output<String> clusterName;

  @Import(name = "githubOwner", required = true)
  private String githubOwner;

  @Import(name = "githubRepo", required = true)
  private String githubRepo;

  @Import(name = "githubTokenSecretName", required = true)
  private String githubTokenSecretName;

  @Import(name = "pipelineConfigYaml", required = true)
  private String pipelineConfigYaml;

  @Import(name = "selfUpdateStack", required = true)
  private String selfUpdateStack;

  @Import(name = "pipelineConfigPath")
  private @Nullable String pipelineConfigPath;

  @Import(name = "oidcProviderArn")
  private @Nullable Output<String> oidcProviderArn;

  @Import(name = "oidcIssuerUrl")
  private @Nullable Output<String> oidcIssuerUrl;

  @Import(name = "containerImageAccount")
  private @Nullable Output<String> containerImageAccount;

  @Import(name = "containerImageVersion")
  private @Nullable Output<String> containerImageVersion;

  @Import(name = "builderImage")
  private @Nullable Output<String> builderImage;

  @Import(name = "deployerImage")
  private @Nullable Output<String> deployerImage;

  @Import(name = "containerImageRegion")
  private @Nullable String containerImageRegion;

  @Import(name = "pipelineName")
  private @Nullable String pipelineName;

  @Import(name = "githubBranch")
  private @Nullable String githubBranch;

  @Import(name = "argoNamespace")
  private @Nullable String argoNamespace;

  @Import(name = "argoEventsNamespace")
  private @Nullable String argoEventsNamespace;

  @Import(name = "serviceAccountName")
  private @Nullable String serviceAccountName;

  @Import(name = "workflowTemplateName")
  private @Nullable String workflowTemplateName;

  @Import(name = "artifactBucketName")
  private @Nullable String artifactBucketName;

  @Import(name = "artifactRetentionDays")
  private @Nullable Integer artifactRetentionDays;

  @Import(name = "requireImmutableImages")
  private @Nullable Boolean requireImmutableImages;

  @Import(name = "verifyImages")
  private @Nullable Boolean verifyImages;

  @Import(name = "selfUpdateProjectDir")
  private @Nullable String selfUpdateProjectDir;

  @Import(name = "pulumiBackendUrl")
  private @Nullable String pulumiBackendUrl;

  @Import(name = "pulumiAccessTokenSecretName")
  private @Nullable String pulumiAccessTokenSecretName;

  @Import(name = "eventSourceName")
  private @Nullable String eventSourceName;

  @Import(name = "sensorName")
  private @Nullable String sensorName;

  @Import(name = "workflowNamePrefix")
  private @Nullable String workflowNamePrefix;

  @Import(name = "githubWebhookSecretName")
  private @Nullable String githubWebhookSecretName;

  @Import(name = "webhookUrl")
  private @Nullable String webhookUrl;

  @Import(name = "pullRequestEvents")
  private @Nullable Boolean pullRequestEvents;

  @Import(name = "identityMode")
  private @Nullable String identityMode;

  @Import(name = "additionalPolicyArns")
  private @Nullable List<String> additionalPolicyArns;

  /** Filled by the SDK's deserializer. */
  private AphexPipelinePluginArgs() {}

  /**
   * The inputs that are set, by name, in declaration order: the plain ones that are stack-config
   * keys as stack-config values (lists as JSON), so that the stack-config reader checks them with
   * the stack-config program's own rules, and those that may come from other resources as the
   * {@code Output} the engine passed (each has the setter of the same name in {@code
   * AphexPipelineArgs}). They are read from this class's {@code @Import} fields, the same
   * declaration the SDK infers the schema from.
   */
  Map<String, Object> inputs() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (Field field : AphexPipelinePluginArgs.class.getDeclaredFields()) {
      Import input = field.getAnnotation(Import.class);
      try {
        Object value = input == null ? null : field.get(this);
        if (value instanceof Output<?>) {
          inputs.put(input.name(), value);
        } else if (value != null && StackConfigKeys.find(input.name()).isPresent()) {
          inputs.put(
              input.name(),
              value instanceof List<?>
                  ? new ObjectMapper().writeValueAsString(value)
                  : String.valueOf(value));
        }
      } catch (IllegalAccessException | JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return inputs;
  }

  String pipelineConfigYaml() {
    return pipelineConfigYaml;
  }

  Optional<String> pipelineConfigPath() {
    return Optional.ofNullable(pipelineConfigPath).filter(p -> !p.isBlank());
  }
}
