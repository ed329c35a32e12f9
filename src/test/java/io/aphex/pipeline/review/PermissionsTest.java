package io.aphex.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsTest {

  private static Map<String, Object> resource(
      String type, String name, Map<String, Object> inputs) {
    return Map.of("type", type, "name", name, "inputs", inputs);
  }

  @Test
  void eachStatementIsOneGrantPerResourceWithItsPrincipalAndCondition() {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Federated\":\"arn:oidc\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
            + "\"Condition\":{\"StringEquals\":{\"oidc:sub\":\"system:serviceaccount:argo:x\"}}}}";
    String policy =
        "{\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
            + "\"s3:PutObject\"],\"Resource\":[\"arn:b/*\",\"arn:c/*\"]},"
            + "{\"Effect\":\"Deny\",\"NotAction\":\"iam:*\",\"NotResource\":\"arn:d\","
            + "\"NotPrincipal\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\"}]}";
    Map<String, Object> plan =
        Map.of(
            "resources",
            List.of(
                resource(
                    "aws:iam/role:Role", "p-role", Map.of("assumeRolePolicy", trust, "name", "r")),
                resource("aws:iam/rolePolicy:RolePolicy", "p-policy", Map.of("policy", policy)),
                resource(
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "p-attach",
                    Map.of("policyArn", "arn:aws:iam::aws:policy/ReadOnly")),
                resource(
                    "aws:iam/rolePolicy:RolePolicy",
                    "p-later",
                    Map.of("policy", "<deploy-time:policy>")),
                resource("kubernetes:core/v1:ServiceAccount", "sa", Map.of("policy", policy))));
    List<Map<String, Object>> objects =
        List.of(
            Map.of(
                "kind",
                "Role",
                "metadata",
                Map.of("name", "executor", "namespace", "argo"),
                "rules",
                List.of(
                    Map.of(
                        "apiGroups",
                        List.of("", "argoproj.io"),
                        "resources",
                        List.of("pods", "workflows"),
                        "verbs",
                        List.of("get", "patch"),
                        "resourceNames",
                        List.of("w1")))),
            Map.of(
                "kind",
                "ClusterRole",
                "metadata",
                Map.of("name", "metrics"),
                "rules",
                List.of(Map.of("nonResourceURLs", List.of("/metrics"), "verbs", List.of("get")))),
            Map.of("kind", "ConfigMap", "metadata", Map.of("name", "c")));

    assertThat(Permissions.of(objects, plan))
        .containsExactly(
            Map.entry(
                "Role p-role (trust)",
                List.of(
                    "Allow sts:AssumeRoleWithWebIdentity by {\"Federated\":\"arn:oidc\"} when"
                        + " {\"StringEquals\":{\"oidc:sub\":\"system:serviceaccount:argo:x\"}}")),
            Map.entry(
                "RolePolicy p-policy",
                List.of(
                    "Allow s3:GetObject, s3:PutObject on arn:b/*",
                    "Allow s3:GetObject, s3:PutObject on arn:c/*",
                    "Deny all but iam:* on all but arn:d by all but \"*\"",
                    "Allow ecr:GetAuthorizationToken")),
            Map.entry(
                "RolePolicyAttachment p-attach",
                List.of("attaches arn:aws:iam::aws:policy/ReadOnly")),
            Map.entry(
                "RolePolicy p-later",
                List.of("a policy known only at deploy time: <deploy-time:policy>")),
            Map.entry(
                "Kubernetes Role argo/executor",
                List.of("get, patch pods, workflows in API group core, argoproj.io named w1")),
            Map.entry("Kubernetes ClusterRole metrics", List.of("get  on URLs /metrics")));
  }
}
