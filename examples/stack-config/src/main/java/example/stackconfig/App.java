package example.stackconfig;

import com.pulumi.Pulumi;
import io.aphex.pipeline.program.PulumiProgram;

/** The stack-config program: everything comes from {@code pulumi config}. */
public final class App {

  private App() {}

  /**
   * Runs the program.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Pulumi.run(PulumiProgram::stack);
  }
}
