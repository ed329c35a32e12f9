package io.aphex.pipeline.iam;

import io.aphex.pipeline.config.AwsPartition;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository policy that lets other AWS accounts pull images from an ECR repository: the
 * cross-account section of the container image spec. It is attached to each repository in the
 * central image account and lets in, for example:
 *
 * <pre>
 * {"Version":"2012-10-17","Statement":[{"Sid":"AllowCrossAccountPull","Effect":"Allow",
 *   "Principal":{"AWS":["arn:aws:iam::210987654321:root"]},
 *   "Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","ecr:BatchCheckLayerAvailability"]}]}
 * </pre>
 *
 * <p>An account root principal lets the account in; inside it, a principal still needs an IAM
 * policy of its own with the same actions and {@code ecr:GetAuthorizationToken} (for a cluster's
 * nodes, the managed {@code AmazonEC2ContainerRegistryReadOnly} policy on the node role). A role
 * ARN principal lets in that one role only. ECR rejects a policy whose principals do not exist.
 */
public final class EcrRepositoryPolicy {

  /** The statement ID of the pull statement. */
  public static final String SID = "AllowCrossAccountPull";

  /** The actions the consuming accounts get, exactly those of the spec, in its order. */
  public static final List<String> PULL_ACTIONS =
      List.of("ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability");

  private static final String ACCOUNTS = "consumerAccountIds";
  private static final String ROLES = "consumerRoleArns";
  private static final Pattern ROLE_ARN =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):role/(?=.{1,575}$)(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final String ROLE_FIX =
      "use the role's ARN as shown by 'aws iam get-role --role-name <name>', e.g."
          + " arn:aws:iam::210987654321:role/eks-node-role";

  private EcrRepositoryPolicy() {}

  /**
   * Builds the repository policy after checking every input with {@link #check(String, String,
   * List, List)}.
   *
   * @param imageAccountId the 12-digit account that owns the repositories
   * @param region the repositories' region; it decides the partition of the principal ARNs
   * @param consumerAccountIds the accounts that may pull; at least one
   * @param consumerRoleArns role ARNs that may pull in addition, possibly none
   * @return the policy document: one {@code Allow} statement whose {@code AWS} principals are the
   *     account roots and the roles, sorted and without duplicates
   * @throws ConfigException with every problem when an input is invalid
   */
  public static PolicyDocument allowPull(
      String imageAccountId,
      String region,
      List<String> consumerAccountIds,
      List<String> consumerRoleArns) {
    ConfigException.throwIfAny(check(imageAccountId, region, consumerAccountIds, consumerRoleArns));
    return PolicyDocument.of(
        new PolicyStatement(
            SID,
            "Allow",
            Map.of("AWS", principals(region, consumerAccountIds, consumerRoleArns)),
            PULL_ACTIONS,
            List.of(),
            Map.of()));
  }

  /**
   * Returns the principals of the pull statement.
   *
   * @param region the repositories' region
   * @param consumerAccountIds the accounts that may pull
   * @param consumerRoleArns role ARNs that may pull in addition
   * @return {@code arn:<partition>:iam::<account>:root} for every account, and every role ARN,
   *     sorted and without duplicates
   */
  public static List<String> principals(
      String region, List<String> consumerAccountIds, List<String> consumerRoleArns) {
    String partition = AwsPartition.of(region);
    return Stream.concat(
            consumerAccountIds.stream().map(a -> "arn:" + partition + ":iam::" + a + ":root"),
            consumerRoleArns.stream())
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * Checks the consumers on their own, before the image account and region are known: {@link
   * #checkAccounts} and then {@link #checkRoles}.
   *
   * @param consumerAccountIds the accounts that may pull
   * @param consumerRoleArns role ARNs that may pull in addition
   * @return every problem, in input order; empty when the consumers are valid
   */
  public static List<Problem> checkConsumers(
      List<String> consumerAccountIds, List<String> consumerRoleArns) {
    List<Problem> problems = checkAccounts(consumerAccountIds);
    problems.addAll(checkRoles(consumerRoleArns));
    return problems;
  }

  /**
   * Checks the consuming accounts: at least one, each exactly 12 digits. Locations are {@code
   * consumerAccountIds} and {@code consumerAccountIds[<i>]}.
   *
   * @param consumerAccountIds the accounts that may pull
   * @return every problem, in input order; empty when the accounts are valid
   */
  public static List<Problem> checkAccounts(List<String> consumerAccountIds) {
    List<Problem> problems = new ArrayList<>();
    if (consumerAccountIds.isEmpty()) {
      problems.add(
          new Problem(
              ACCOUNTS,
              "[]",
              "lists no account",
              "list the 12-digit IDs of the accounts whose clusters pull the images, e.g."
                  + " [\"210987654321\"]"));
    }
    for (int i = 0; i < consumerAccountIds.size(); i++) {
      String account = consumerAccountIds.get(i);
      String location = ACCOUNTS + "[" + i + "]";
      if (account == null) {
        problems.add(
            new Problem(location, null, "an entry cannot be empty", "remove the empty entry"));
      } else {
        NameRules.awsAccount(account)
            .ifPresent(
                rule ->
                    problems.add(
                        new Problem(
                            location,
                            account,
                            rule,
                            "write the account ID as a string of exactly 12 digits, leading zeros"
                                + " included, e.g. \"012345678901\"")));
      }
    }
    return problems;
  }

  /**
   * Checks the consuming roles: each an IAM role ARN. Locations are {@code consumerRoleArns[<i>]}.
   *
   * @param consumerRoleArns role ARNs that may pull, possibly none
   * @return every problem, in input order; empty when the roles are valid
   */
  public static List<Problem> checkRoles(List<String> consumerRoleArns) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < consumerRoleArns.size(); i++) {
      String role = consumerRoleArns.get(i);
      String location = ROLES + "[" + i + "]";
      if (role == null) {
        problems.add(
            new Problem(location, null, "an entry cannot be empty", "remove the empty entry"));
      } else if (!ROLE_ARN.matcher(role).matches()) {
        problems.add(
            new Problem(
                location,
                role,
                "is not an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>)",
                ROLE_FIX));
      }
    }
    return problems;
  }

  /**
   * Checks every input of {@link #allowPull}: the consumers as {@link #checkConsumers}, then the
   * image account and region, that no consumer is the image account itself (an account pulls its
   * own images with its IAM policies alone; listing it usually means the aws provider points at the
   * wrong account) and that every role is in the repositories' partition.
   *
   * @param imageAccountId the 12-digit account that owns the repositories
   * @param region the repositories' region
   * @param consumerAccountIds the accounts that may pull
   * @param consumerRoleArns role ARNs that may pull in addition
   * @return every problem; empty when the policy can be built
   */
  public static List<Problem> check(
      String imageAccountId,
      String region,
      List<String> consumerAccountIds,
      List<String> consumerRoleArns) {
    List<Problem> problems = checkConsumers(consumerAccountIds, consumerRoleArns);
    NameRules.awsAccount(imageAccountId)
        .ifPresent(
            rule ->
                problems.add(
                    new Problem(
                        "imageAccountId",
                        imageAccountId,
                        rule,
                        "use the account that owns the repositories")));
    NameRules.awsRegion(region)
        .ifPresent(
            rule ->
                problems.add(new Problem("region", region, rule, "use the repositories' region")));
    String selfFix =
        "remove it; if the images are in another account, give EcrPullAccess an aws provider for"
            + " that account through its options' providers";
    for (int i = 0; i < consumerAccountIds.size(); i++) {
      if (imageAccountId.equals(consumerAccountIds.get(i))) {
        problems.add(
            new Problem(
                ACCOUNTS + "[" + i + "]",
                imageAccountId,
                "is the image account itself, which pulls its own images without a repository"
                    + " policy",
                selfFix));
      }
    }
    String partition = AwsPartition.of(region);
    for (int i = 0; i < consumerRoleArns.size(); i++) {
      String role = consumerRoleArns.get(i);
      Matcher m = role == null ? null : ROLE_ARN.matcher(role);
      if (m == null || !m.matches()) {
        continue;
      }
      String location = ROLES + "[" + i + "]";
      if (!m.group(1).equals(partition)) {
        problems.add(
            new Problem(
                location,
                role,
                "is in partition "
                    + m.group(1)
                    + ", but the repositories are in "
                    + region
                    + " of partition "
                    + partition
                    + "; principals cannot cross partitions",
                "use a role of the " + partition + " partition"));
      } else if (m.group(2).equals(imageAccountId)) {
        problems.add(
            new Problem(
                location,
                role,
                "is a role of the image account itself, which pulls its own images without a"
                    + " repository policy",
                selfFix));
      }
    }
    return problems;
  }
}
