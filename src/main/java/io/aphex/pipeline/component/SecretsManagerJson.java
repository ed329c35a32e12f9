package io.aphex.pipeline.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.secretsmanager.SecretsmanagerFunctions;
import com.pulumi.aws.secretsmanager.inputs.GetSecretVersionArgs;
import com.pulumi.aws.secretsmanager.outputs.GetSecretVersionResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.exceptions.RunException;
import java.io.IOException;

/**
 * Reads one key of a JSON secret in AWS Secrets Manager at deploy time, as a Pulumi secret. It is
 * read on every {@code pulumi up}, so a rotated value reaches the cluster on the next update.
 * Deploy-time failures are {@link RunException}s, which the SDK reports without a stack trace.
 */
final class SecretsManagerJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretsManagerJson() {}

  /**
   * Reads the key.
   *
   * @param secretName the secret's name or ARN
   * @param key the JSON key, e.g. {@code token}
   * @param setting the setting that names the secret, for error messages
   * @param options invoke options carrying the component as parent
   * @return the value, secret; the deployment fails with a message naming the secret and the key
   *     (never the value) when the secret is not a JSON object with that string key
   */
  static Output<String> read(String secretName, String key, String setting, InvokeOptions options) {
    return SecretsmanagerFunctions.getSecretVersion(
            GetSecretVersionArgs.builder().secretId(secretName).build(), options)
        .applyValue(GetSecretVersionResult::secretString)
        .asSecret()
        .applyValue(text -> value(text, secretName, key, setting))
        .asSecret();
  }

  static String value(String text, String secretName, String key, String setting) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      node = null;
    }
    JsonNode value = node == null ? null : node.get(key);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new RunException(
          "AWS Secrets Manager secret '"
              + secretName
              + "' (from "
              + setting
              + ") must be a JSON object with a non-empty string key '"
              + key
              + "'. Fix: aws secretsmanager put-secret-value --secret-id "
              + secretName
              + " --secret-string '{\""
              + key
              + "\":\"...\"}'");
    }
    return value.asText();
  }
}
