package io.aphex.pipeline.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Logical names of policy attachments: derived from the policy ARN rather than its position, so
 * that removing one policy from the list never replaces the attachments of the others.
 */
public final class PolicyAttachmentNames {

  private PolicyAttachmentNames() {}

  /**
   * Returns a short, stable suffix for a policy ARN.
   *
   * @param policyArn the policy ARN
   * @return the first 8 hex digits of its SHA-256
   */
  public static String suffix(String policyArn) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(policyArn.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
