package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RenderOptionsTest {

  private static final Path WD = Path.of("/work/here");

  @Test
  void defaultsAreTheDevStackInTheWorkingDirectory() {
    assertThat(parse("render"))
        .isEqualTo(
            new RenderOptions(
                "dev",
                WD,
                Path.of("/work/here/target/render/dev"),
                Optional.empty(),
                false,
                Optional.empty()));
  }

  @Test
  void defaultOutputFollowsTheStack() {
    RenderOptions options = parse("render", "--stack", "prod");

    assertThat(options.stack()).isEqualTo("prod");
    assertThat(options.out()).isEqualTo(Path.of("/work/here/target/render/prod"));
  }

  @Test
  void relativeCwdIsResolvedAgainstTheWorkingDirectoryAndCarriesTheDefaultOutput() {
    RenderOptions options = parse("render", "--cwd", "../project/./infra");

    assertThat(options.cwd()).isEqualTo(Path.of("/work/project/infra"));
    assertThat(options.out()).isEqualTo(Path.of("/work/project/infra/target/render/dev"));
  }

  @Test
  void relativeOutIsResolvedAgainstTheWorkingDirectoryNotTheCwd() {
    RenderOptions options = parse("render", "--cwd", "infra", "--out", "build/../render-out");

    assertThat(options.cwd()).isEqualTo(Path.of("/work/here/infra"));
    assertThat(options.out()).isEqualTo(Path.of("/work/here/render-out"));
  }

  @Test
  void absolutePathsAreKept() {
    RenderOptions options = parse("render", "--cwd", "/srv/infra", "--out", "/tmp/render");

    assertThat(options.cwd()).isEqualTo(Path.of("/srv/infra"));
    assertThat(options.out()).isEqualTo(Path.of("/tmp/render"));
  }

  @Test
  void everyOptionTogether() {
    assertThat(
            parse(
                "render",
                "--account",
                "987654321098",
                "--out",
                "out",
                "--stack",
                "staging_2.eu-west-1",
                "--cwd",
                "infra"))
        .isEqualTo(
            new RenderOptions(
                "staging_2.eu-west-1",
                Path.of("/work/here/infra"),
                Path.of("/work/here/out"),
                Optional.of("987654321098"),
                false,
                Optional.empty()));
  }

  @Test
  void aRepeatedOptionTakesTheLastValue() {
    RenderOptions options = parse("render", "--stack", "dev", "--stack", "prod");

    assertThat(options.stack()).isEqualTo("prod");
    assertThat(options.out()).isEqualTo(Path.of("/work/here/target/render/prod"));
  }

  @Test
  void helpIsRecognisedAsCommandOrOption() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"-h"},
          {"help"},
          {"render", "--help"},
          {"render", "-h"},
          {"render", "--stack", "prod", "--help", "--bogus"}
        }) {
      assertThat(RenderOptions.parse(args, WD).help()).as(String.join(" ", args)).isTrue();
    }
    assertThat(parse("render").help()).isFalse();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(new String[] {}, "missing command"),
        Arguments.of(new String[] {"deploy"}, "unknown command 'deploy'"),
        Arguments.of(new String[] {"Render"}, "unknown command 'Render'"),
        Arguments.of(new String[] {"render", "--verbose", "yes"}, "unknown option '--verbose'"),
        Arguments.of(new String[] {"render", "-s", "prod"}, "unknown option '-s'"),
        Arguments.of(new String[] {"render", "--stack"}, "--stack needs a value"),
        Arguments.of(new String[] {"render", "--cwd"}, "--cwd needs a value"),
        Arguments.of(new String[] {"render", "--out"}, "--out needs a value"),
        Arguments.of(new String[] {"render", "--account"}, "--account needs a value"),
        Arguments.of(new String[] {"render", "--verbose"}, "--verbose needs a value"),
        Arguments.of(new String[] {"render", "prod"}, "unexpected argument 'prod'"),
        Arguments.of(new String[] {"render", "-v"}, "unexpected argument '-v'"),
        Arguments.of(
            new String[] {"render", "--stack", "my stack"},
            "--stack 'my stack' is not a Pulumi stack name (1 to 100 letters, digits, '-', '_' and '.');"
                + " pass the stack's own name, e.g. --stack dev"),
        Arguments.of(
            new String[] {"render", "--stack", "org/dev"},
            "--stack 'org/dev' is not a Pulumi stack name (1 to 100 letters, digits, '-', '_' and '.');"
                + " pass the stack's own name, e.g. --stack dev"),
        Arguments.of(
            new String[] {"render", "--stack", ""},
            "--stack '' is not a Pulumi stack name (1 to 100 letters, digits, '-', '_' and '.');"
                + " pass the stack's own name, e.g. --stack dev"),
        Arguments.of(
            new String[] {"render", "--account", "12345678901"},
            "--account '12345678901' is not a 12-digit AWS account ID"),
        Arguments.of(
            new String[] {"render", "--account", "1234567890123"},
            "--account '1234567890123' is not a 12-digit AWS account ID"),
        Arguments.of(
            new String[] {"render", "--account", "12345678901a"},
            "--account '12345678901a' is not a 12-digit AWS account ID"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void badArgumentsAreNamedExactly(String[] args, String message) {
    assertThatThrownBy(() -> RenderOptions.parse(args, WD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static RenderOptions parse(String... args) {
    return RenderOptions.parse(args, WD);
  }
}
