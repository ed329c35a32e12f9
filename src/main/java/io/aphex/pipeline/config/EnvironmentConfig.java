package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One deployment target of the pipeline: an AWS account and region with the stacks deployed there.
 *
 * @param name the environment name, a DNS-1123 label (it becomes part of Argo task names such as
 *     {@code deploy-<name>})
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param account the 12-digit AWS account ID, as a string so leading zeros survive
 * @param stacks the stacks deployed in this environment, in order; at least one
 * @param testCommands the commands of the {@code test-<name>} stage; empty when the environment has
 *     no tests
 * @param dependsOn the names of the environments that must be deployed (and tested) before this
 *     one, as written in {@code dependsOn}; empty when the key is not written, which means the
 *     default: the environment before this one in the file (none for the first). A present empty
 *     list ({@code dependsOn: []}) means no environment: this one starts as soon as the build is
 *     done. Use {@link PipelineConfig#dependenciesAt} for the effective dependencies.
 * @param requiresApproval whether a person must approve before this environment is deployed: the
 *     workflow suspends at {@code approve-<name>} until resumed; default false
 * @param deployRoleArn the IAM role in the target account that the environment's deploy and test
 *     stages assume ({@code deployRoleArn}); empty by default, when {@code cdk deploy} uses the
 *     target's CDK bootstrap roles ({@code cdk-hnb659fds-*-<account>-<region>}) itself
 */
public record EnvironmentConfig(
    String name,
    String region,
    String account,
    List<StackDefinition> stacks,
    List<String> testCommands,
    Optional<List<String>> dependsOn,
    boolean requiresApproval,
    Optional<String> deployRoleArn) {

  /**
   * Creates the environment; the lists are copied.
   *
   * @throws IllegalArgumentException when a Pulumi stack has no role to deploy with ({@link
   *     #PULUMI_NEEDS_DEPLOY_ROLE})
   */
  public EnvironmentConfig {
    requireNonNull(name, "name");
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    stacks = List.copyOf(stacks);
    testCommands = List.copyOf(testCommands);
    dependsOn = requireNonNull(dependsOn, "dependsOn").map(List::copyOf);
    requireNonNull(deployRoleArn, "deployRoleArn");
    if (deployRoleArn.isEmpty() && uses(stacks, StackEngine.PULUMI)) {
      throw new IllegalArgumentException(
          "environment " + name + " has Pulumi stacks; " + PULUMI_NEEDS_DEPLOY_ROLE);
    }
  }

  /**
   * The rule for Pulumi stacks: they deploy as the environment's {@code deployRoleArn}, since
   * Pulumi, unlike the CDK, has no bootstrap roles in the target account to fall back on.
   */
  public static final String PULUMI_NEEDS_DEPLOY_ROLE =
      "an environment with Pulumi stacks needs a deployRoleArn to deploy them with (Pulumi has no"
          + " bootstrap roles to fall back on, as the CDK has)";

  /**
   * Tells whether some stack of this environment deploys with an engine.
   *
   * @param engine the engine
   * @return true when at least one stack has it
   */
  public boolean uses(StackEngine engine) {
    return uses(stacks, engine);
  }

  private static boolean uses(List<StackDefinition> stacks, StackEngine engine) {
    return stacks.stream().anyMatch(stack -> stack.engine() == engine);
  }

  /**
   * Creates an environment without {@code dependsOn}: it depends on the environment before it in
   * the file.
   *
   * @param name the environment name
   * @param region the AWS region
   * @param account the 12-digit AWS account ID
   * @param stacks the stacks, in order
   * @param testCommands the test commands; empty for none
   */
  public EnvironmentConfig(
      String name,
      String region,
      String account,
      List<StackDefinition> stacks,
      List<String> testCommands) {
    this(name, region, account, stacks, testCommands, Optional.empty(), false, Optional.empty());
  }

  /**
   * Returns the stacks in deployment order, grouped into levels: the stacks of one level depend
   * only on stacks of earlier levels, so they deploy in parallel. A stack is in the level after the
   * last of its dependencies (its {@code dependsOn}, by default the stack before it), so without
   * {@code dependsOn} every level holds one stack, in list order.
   *
   * @return the levels, each with its stacks in list order
   * @throws IllegalArgumentException when a {@code dependsOn} names an unknown stack or the
   *     dependencies form a cycle (the config parser reports both with their lines)
   */
  public List<List<String>> stackLevels() {
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < stacks.size(); i++) {
      indexOf.put(stacks.get(i).name(), i);
    }
    List<List<Integer>> dependents =
        stacks.stream().map(stack -> (List<Integer>) new ArrayList<Integer>()).toList();
    int[] waiting = new int[stacks.size()];
    List<Integer> ready = new ArrayList<>();
    for (int i = 0; i < stacks.size(); i++) {
      StackDefinition stack = stacks.get(i);
      for (String dependency :
          stack.dependsOn().orElse(i == 0 ? List.of() : List.of(stacks.get(i - 1).name()))) {
        Integer target = indexOf.get(dependency);
        if (target == null) {
          throw new IllegalArgumentException(
              "stack "
                  + stack.name()
                  + " of environment "
                  + name
                  + " depends on unknown stack "
                  + dependency);
        }
        dependents.get(target).add(i);
        waiting[i]++;
      }
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    // Kahn's algorithm, a level at a time: a stack is ready once its last dependency is placed.
    List<List<String>> levels = new ArrayList<>();
    int placed = 0;
    while (!ready.isEmpty()) {
      levels.add(ready.stream().sorted().map(i -> stacks.get(i).name()).toList());
      placed += ready.size();
      List<Integer> next = new ArrayList<>();
      for (int i : ready) {
        for (int dependent : dependents.get(i)) {
          if (--waiting[dependent] == 0) {
            next.add(dependent);
          }
        }
      }
      ready = next;
    }
    if (placed < stacks.size()) {
      int stuck =
          IntStream.range(0, waiting.length).filter(i -> waiting[i] > 0).findFirst().orElseThrow();
      throw new IllegalArgumentException(
          "the stacks of environment "
              + name
              + " depend on each other in a cycle at "
              + stacks.get(stuck).name());
    }
    return levels;
  }

  /**
   * Tells whether this environment has a {@code test-<name>} stage.
   *
   * @return true when there is at least one test command
   */
  public boolean hasTests() {
    return !testCommands.isEmpty();
  }
}
