package io.aphex.pipeline.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The options of {@code ./aphex render}.
 *
 * @param stack the stack name; default {@code dev}
 * @param cwd the project directory; default the current directory
 * @param out the output directory; default {@code <cwd>/target/render/<stack>}
 * @param account the AWS account; default from {@code aws:allowedAccountIds}
 * @param help whether {@code --help} was given
 * @param diff an earlier render to compare with ({@code --diff}); empty for none
 */
record RenderOptions(
    String stack, Path cwd, Path out, Optional<String> account, boolean help, Optional<Path> diff) {

  /** Default of {@link #stack()}. */
  static final String DEFAULT_STACK = "dev";

  /**
   * Parses the command line.
   *
   * @param args the arguments, starting with the command {@code render}
   * @param workingDir the directory relative paths are resolved against
   * @return the options
   * @throws IllegalArgumentException naming the bad argument
   */
  static RenderOptions parse(String[] args, Path workingDir) {
    if (args.length == 0) {
      throw new IllegalArgumentException("missing command");
    }
    if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      return help(DEFAULT_STACK, workingDir);
    }
    if (!args[0].equals("render")) {
      throw new IllegalArgumentException("unknown command '" + args[0] + "'");
    }
    String stack = DEFAULT_STACK;
    Path cwd = workingDir;
    Path out = null;
    String account = null;
    Path diff = null;
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return help(stack, cwd);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            flag.startsWith("--") ? flag + " needs a value" : "unexpected argument '" + flag + "'");
      }
      String value = args[++i];
      switch (flag) {
        case "--stack" -> stack = checkedStack(value);
        case "--cwd" -> cwd = workingDir.resolve(value).normalize();
        case "--out" -> out = workingDir.resolve(value).normalize();
        case "--account" -> account = checkedAccount(value);
        case "--diff" -> diff = workingDir.resolve(value).normalize();
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    Path output = out != null ? out : cwd.resolve("target").resolve("render").resolve(stack);
    if (output.equals(diff)) {
      throw new IllegalArgumentException(
          "--diff "
              + diff
              + " is also the --out directory, which the render would replace; render into"
              + " another directory");
    }
    return new RenderOptions(
        stack, cwd, output, Optional.ofNullable(account), false, Optional.ofNullable(diff));
  }

  /**
   * Pulumi's rule for a stack name (validateStackName in pulumi/pulumi pkg/backend/diy/backend.go
   * and pkg/backend/httpstate/backend.go: {@code ^[A-Za-z0-9_.-]{1,100}$}), except that a name of
   * dots only, which Pulumi allows, cannot name the default output directory {@code
   * target/render/<stack>}.
   */
  private static String checkedStack(String value) {
    if (!value.matches("[A-Za-z0-9_.-]{1,100}")) {
      throw new IllegalArgumentException(
          "--stack '"
              + value
              + "' is not a Pulumi stack name (1 to 100 letters, digits, '-', '_' and '.');"
              + " pass the stack's own name, e.g. --stack dev");
    }
    if (value.matches("\\.+")) {
      throw new IllegalArgumentException(
          "--stack '"
              + value
              + "' would lead the output out of target/render/; rename the stack, e.g."
              + " 'pulumi stack rename dev'");
    }
    return value;
  }

  private static RenderOptions help(String stack, Path cwd) {
    return new RenderOptions(stack, cwd, cwd, Optional.empty(), true, Optional.empty());
  }

  private static String checkedAccount(String value) {
    if (!value.matches("\\d{12}")) {
      throw new IllegalArgumentException(
          "--account '" + value + "' is not a 12-digit AWS account ID");
    }
    return value;
  }
}
