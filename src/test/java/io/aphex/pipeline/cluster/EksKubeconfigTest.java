package io.aphex.pipeline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EksKubeconfigTest {

  @Test
  void execsAwsEksGetTokenForTheClusterAndIsAlwaysTheSameText() {
    String kubeconfig =
        EksKubeconfig.forCluster("prod", "eu-west-1", "https://ABC.eks.amazonaws.com", "Q0E=");

    assertThat(kubeconfig)
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"Config\",\"clusters\":[{\"name\":\"prod\","
                + "\"cluster\":{\"server\":\"https://ABC.eks.amazonaws.com\","
                + "\"certificate-authority-data\":\"Q0E=\"}}],\"contexts\":[{\"name\":\"prod\","
                + "\"context\":{\"cluster\":\"prod\",\"user\":\"prod\"}}],\"current-context\":"
                + "\"prod\",\"users\":[{\"name\":\"prod\",\"user\":{\"exec\":{\"apiVersion\":"
                + "\"client.authentication.k8s.io/v1beta1\",\"command\":\"aws\",\"args\":"
                + "[\"--region\",\"eu-west-1\",\"eks\",\"get-token\",\"--cluster-name\",\"prod\","
                + "\"--output\",\"json\"]}}}]}");
  }
}
