package io.aphex.pipeline.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IrsaTrustPolicyTest {

  @Test
  void trustsOneServiceAccountThroughTheOidcProviderWithAudienceAndSubject() {
    String json =
        IrsaTrustPolicy.forServiceAccount(
                "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
                "https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
                "argo",
                "workflow-executor")
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeFromServiceAccount\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::123456789012:"
                + "oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC\"},\"Action\":"
                + "[\"sts:AssumeRoleWithWebIdentity\"],\"Condition\":{\"StringEquals\":{"
                + "\"oidc.eks.us-east-1.amazonaws.com/id/ABC:aud\":\"sts.amazonaws.com\","
                + "\"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub\":"
                + "\"system:serviceaccount:argo:workflow-executor\"}}}]}");
  }

  @Test
  void issuerHostDropsTheSchemeOnlyWhenPresent() {
    assertThat(IrsaTrustPolicy.issuerHost("https://oidc.eks.eu-west-1.amazonaws.com/id/X"))
        .isEqualTo("oidc.eks.eu-west-1.amazonaws.com/id/X");
    assertThat(IrsaTrustPolicy.issuerHost("oidc.eks.eu-west-1.amazonaws.com/id/X"))
        .isEqualTo("oidc.eks.eu-west-1.amazonaws.com/id/X");
  }

  @Test
  void subjectIsTheServiceAccountTokenSubject() {
    assertThat(IrsaTrustPolicy.subject("pipelines", "runner"))
        .isEqualTo("system:serviceaccount:pipelines:runner");
  }
}
