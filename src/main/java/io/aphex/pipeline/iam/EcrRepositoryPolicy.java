package io.aphex.pipeline.iam;

import io.aphex.pipeline.config.AwsPartition;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 * <p>The actions are exactly those of the spec, in its order. An account root principal lets the
 * account in; inside it, a principal still needs an IAM policy of its own with the same actions and
 * {@code ecr:GetAuthorizationToken} (for a cluster's nodes, the managed {@code
 * AmazonEC2ContainerRegistryReadOnly} policy on the node role). A role ARN principal lets in that
 * one role only. ECR rejects a policy whose principals do not exist.
 */
public final class EcrRepositoryPolicy {

  private static final String ACCOUNTS = "consumerAccountIds";
  private static final String ROLES = "consumerRoleArns";
  private static final Pattern ROLE_ARN =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):role/"
              + "(?=.{1,575}$)(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final String SELF_FIX =
      "remove it; if the images are in another account, give EcrPullAccess an aws provider for"
          + " that account through its options' providers";

  private EcrRepositoryPolicy() {}

  /**
   * Builds the repository policy after checking every input with {@link #check(String, String,
   * List, List)}.
   *
   * @param imageAccountId the 12-digit account that owns the repositories
   * @param region the repositories' region; it decides the partition of the principal ARNs
   * @param consumerAccountIds the accounts that may pull; at least one
   * @param consumerRoleArns role ARNs that may pull in addition, possibly none
   * @return the policy document: one {@code Allow} statement {@code AllowCrossAccountPull} whose
   *     {@code AWS} principals are {@code arn:<partition>:iam::<account>:root} for every account
   *     and every role ARN, sorted and without duplicates
   * @throws ConfigException with every problem when an input is invalid
   */
  public static PolicyDocument allowPull(
      String imageAccountId,
      String region,
      List<String> consumerAccountIds,
      List<String> consumerRoleArns) {
    ConfigException.throwIfAny(check(imageAccountId, region, consumerAccountIds, consumerRoleArns));
    String partition = AwsPartition.of(region);
    List<String> principals =
        Stream.concat(
                consumerAccountIds.stream().map(a -> "arn:" + partition + ":iam::" + a + ":root"),
                consumerRoleArns.stream())
            .distinct()
            .sorted()
            .toList();
    return PolicyDocument.of(
        new PolicyStatement(
            "AllowCrossAccountPull",
            "Allow",
            Map.of("AWS", principals),
            List.of(
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage",
                "ecr:BatchCheckLayerAvailability"),
            List.of(),
            Map.of()));
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
    problems.addAll(
        checkEach(
            ACCOUNTS,
            consumerAccountIds,
            NameRules::awsAccount,
            "write the account ID as a string of exactly 12 digits, leading zeros included, e.g."
                + " \"012345678901\""));
    return problems;
  }

  /**
   * Checks the consuming roles: each an IAM role ARN. Locations are {@code consumerRoleArns[<i>]}.
   *
   * @param consumerRoleArns role ARNs that may pull, possibly none
   * @return every problem, in input order; empty when the roles are valid
   */
  public static List<Problem> checkRoles(List<String> consumerRoleArns) {
    return checkEach(
        ROLES,
        consumerRoleArns,
        role ->
            ROLE_ARN.matcher(role).matches()
                ? Optional.empty()
                : Optional.of(
                    "is not an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>)"),
        "use the role's ARN as shown by 'aws iam get-role --role-name <name>', e.g."
            + " arn:aws:iam::210987654321:role/eks-node-role");
  }

  /** Checks every entry of a list with one rule; a null entry is a problem of its own. */
  private static List<Problem> checkEach(
      String key, List<String> values, Function<String, Optional<String>> rule, String fix) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String location = key + "[" + i + "]";
      Optional<String> broken =
          value == null ? Optional.of("an entry cannot be empty") : rule.apply(value);
      broken.ifPresent(
          r ->
              problems.add(
                  new Problem(location, value, r, value == null ? "remove the empty entry" : fix)));
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
        .map(
            r ->
                new Problem(
                    "imageAccountId",
                    imageAccountId,
                    r,
                    "use the account that owns the repositories"))
        .ifPresent(problems::add);
    NameRules.awsRegion(region)
        .map(r -> new Problem("region", region, r, "use the repositories' region"))
        .ifPresent(problems::add);
    String self = " itself, which pulls its own images without a repository policy";
    for (int i = 0; i < consumerAccountIds.size(); i++) {
      if (imageAccountId.equals(consumerAccountIds.get(i))) {
        problems.add(
            new Problem(
                ACCOUNTS + "[" + i + "]", imageAccountId, "is the image account" + self, SELF_FIX));
      }
    }
    String partition = AwsPartition.of(region);
    for (int i = 0; i < consumerRoleArns.size(); i++) {
      String role = consumerRoleArns.get(i);
      Matcher m = ROLE_ARN.matcher(role == null ? "" : role);
      String location = ROLES + "[" + i + "]";
      if (m.matches() && !m.group(1).equals(partition)) {
        problems.add(
            new Problem(
                location,
                role,
                ("is in partition %s, but the repositories are in %s of partition %s; principals"
                        + " cannot cross partitions")
                    .formatted(m.group(1), region, partition),
                "use a role of the " + partition + " partition"));
      } else if (m.matches() && m.group(2).equals(imageAccountId)) {
        problems.add(
            new Problem(location, role, "is a role of the image account" + self, SELF_FIX));
      }
    }
    return problems;
  }
}
