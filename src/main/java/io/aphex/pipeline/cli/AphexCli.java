package io.aphex.pipeline.cli;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.review.PipelineMarkdown;
import io.aphex.pipeline.review.PipelineView;
import io.aphex.pipeline.review.PromotionLine;
import io.aphex.pipeline.review.RenderDiff;
import io.aphex.pipeline.review.RenderReader;
import io.aphex.pipeline.review.UnreadableRenderException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The {@code ./aphex} command line. {@code ./aphex render} shows everything a stack would deploy,
 * without AWS, a cluster or the Pulumi CLI.
 */
public final class AphexCli {

  static final String USAGE =
      """
      Usage: aphex render [--stack NAME] [--cwd DIR] [--out DIR] [--account ID] [--diff DIR]

      Renders everything 'pulumi up' would deploy for a stack, offline: the program's plan of
      every resource, with stand-ins for what only AWS knows.

        --stack NAME   the stack to render (default: dev); reads Pulumi.NAME.yaml
        --cwd DIR      the Pulumi project directory (default: the current directory)
        --out DIR      where to write plan.json, manifests.yaml and pipeline.md (default:
                       target/render/NAME)
        --account ID   the AWS account the stack deploys into (default: the first entry of
                       aws:allowedAccountIds in the stack config)
        --diff DIR     an earlier render to compare with: prints what changed (environments,
                       promotion order, edges, stacks, roles, images, permissions) and writes it
                       to changes.md; DIR is only read
      """;

  private final PrintStream out;
  private final PrintStream err;

  AphexCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the command and exits with its status: 0 on success, 1 for invalid input, 2 for a usage
   * error.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(new AphexCli(out, err).run(args));
  }

  /**
   * Runs the command.
   *
   * @param args the command-line arguments
   * @return the exit status
   */
  int run(String[] args) {
    RenderOptions options;
    try {
      options = RenderOptions.parse(args, Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      err.println("aphex: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    try {
      render(options);
      return 0;
    } catch (RuntimeException e) {
      // A config problem or a refused render says it all; anything else is named as it is.
      boolean told = e instanceof ConfigException || e instanceof RenderException;
      err.println(told ? e.getMessage() : "aphex: render failed: " + e);
      err.println("aphex: nothing was written.");
      return 1;
    }
  }

  private void render(RenderOptions options) {
    RenderDirectory.check(options.out());
    Optional<PipelineView> earlier = options.diff().map(AphexCli::readEarlier);
    StackFiles files = StackFiles.read(options.cwd(), options.stack());
    String region = requireRegion(files, options);
    String account = options.account().orElseGet(() -> accountFromStack(files, options));
    Plan result = StackPlan.of(files, options.stack(), options.cwd(), account, region);
    result.warnings().forEach(w -> err.println("warning: " + w));
    List<Map<String, Object>> objects = RenderFiles.kubernetesObjects(result);
    Map<String, Object> planMap = RenderFiles.planMap(files.projectName(), options.stack(), result);
    // The YAML dump is the longest step; it reads the objects only, beside the rest (plan.json,
    // the view and pipeline.md, all before it is joined), on the second core.
    FutureTask<String> manifests = new FutureTask<>(() -> RenderFiles.manifestsYaml(objects));
    Thread yaml = new Thread(manifests, "aphex-manifests");
    yaml.setDaemon(true);
    yaml.start();
    Map<String, String> contents = new LinkedHashMap<>();
    contents.put("plan.json", RenderFiles.planJson(planMap));
    PipelineView view = RenderReader.read(objects, planMap);
    String markdown = PipelineMarkdown.of(view);
    contents.put("manifests.yaml", joined(manifests));
    contents.put("pipeline.md", markdown);
    Optional<String> changes =
        earlier.map(e -> RenderDiff.between(e, view, options.diff().orElseThrow().toString()));
    changes.ifPresent(text -> contents.put("changes.md", text));
    RenderDirectory.write(options.out(), contents);
    out.print(
        RenderSummary.of(
            files.projectName(),
            options,
            account,
            region,
            result,
            objects,
            PromotionLine.of(view),
            List.copyOf(contents.keySet())));
    changes.ifPresent(text -> out.print("\n" + text));
  }

  private static String joined(FutureTask<String> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing manifests.yaml", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  /** Reads the render to compare with before anything is rendered, so a bad one writes nothing. */
  private static PipelineView readEarlier(Path dir) {
    try {
      return RenderReader.read(dir);
    } catch (UnreadableRenderException e) {
      throw new RenderException("aphex: --diff: " + e.getMessage() + "; nothing was compared.");
    }
  }

  private static String requireRegion(StackFiles files, RenderOptions options) {
    String region = files.config().get("aws:region");
    boolean missing = region == null || region.isBlank();
    Optional<String> rule =
        missing
            ? Optional.of("is needed: the stack deploys into that region")
            : NameRules.awsRegion(region);
    if (rule.isPresent()) {
      throw new ConfigException(
          new Problem(
              "Pulumi." + options.stack() + ".yaml: aws:region",
              missing ? null : region,
              rule.get(),
              "run: pulumi config set aws:region us-east-1"));
    }
    return region;
  }

  private static String accountFromStack(StackFiles files, RenderOptions options) {
    String allowed = files.config().get("aws:allowedAccountIds");
    if (allowed != null) {
      String first = allowed.replaceAll("[\\[\\]\"\\s]", "").split(",")[0];
      if (first.matches("\\d{12}")) {
        return first;
      }
    }
    throw new ConfigException(
        new Problem(
            "Pulumi." + options.stack() + ".yaml: aws:allowedAccountIds",
            allowed,
            "gives no 12-digit account, and the offline render cannot ask AWS which account"
                + " the stack deploys into",
            "pass --account 123456789012, or set aws:allowedAccountIds to"
                + " [\"123456789012\"]"));
  }
}
