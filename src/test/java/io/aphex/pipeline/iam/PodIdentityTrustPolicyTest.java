package io.aphex.pipeline.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodIdentityTrustPolicyTest {

  @Test
  void trustsThePodIdentityServiceForOneServiceAccountOfOneClusterOnly() {
    assertThat(
            PodIdentityTrustPolicy.forServiceAccount(
                    "company-pipelines", "argo", "workflow-executor")
                .toJson())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeFromPodIdentity\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":"
                + "{\"StringEquals\":{\"aws:RequestTag/eks-cluster-name\":\"company-pipelines\","
                + "\"aws:RequestTag/kubernetes-namespace\":\"argo\","
                + "\"aws:RequestTag/kubernetes-service-account\":\"workflow-executor\"}}}]}");
  }

  @Test
  void identityModesHaveTheirConfigNames() {
    assertThat(IdentityMode.fromConfigName("irsa")).contains(IdentityMode.IRSA);
    assertThat(IdentityMode.fromConfigName("podIdentity")).contains(IdentityMode.POD_IDENTITY);
    assertThat(IdentityMode.fromConfigName("PodIdentity")).isEmpty();
  }
}
