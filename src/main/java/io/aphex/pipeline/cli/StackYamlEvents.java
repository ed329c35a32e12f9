package io.aphex.pipeline.cli;

import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StrictUtf8;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML events of {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml}, one at a time and
 * without recursion, for what the loader would accept but nothing after it can use: an alias of a
 * list or mapping inside itself (a value without end), an escaped lone UTF-16 surrogate ({@code
 * "\ud800"}, not a character, which no manifest can hold), and a number inside a structured value
 * that YAML reads as infinity or not-a-number ({@code 1e309}, {@code .inf}). Each is reported with
 * its line, column and key path.
 */
final class StackYamlEvents {

  private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");

  /** Lists and mappings open around a scalar before it is a value inside a structured setting. */
  private static final int STRUCTURED_DEPTH = 3;

  private final String file;
  private final Deque<Frame> open = new ArrayDeque<>();
  private final Set<String> openAnchors = new HashSet<>();
  private final Resolver resolver = new Resolver();

  /**
   * One open list or mapping: its anchor, its own key path, the key being read, and the next list
   * index.
   */
  private static final class Frame {
    final boolean mapping;
    @Nullable final String anchor;
    final String path;
    @Nullable String key;
    boolean atKey = true;
    int index;

    Frame(boolean mapping, @Nullable String anchor, String path) {
      this.mapping = mapping;
      this.anchor = anchor;
      this.path = path;
    }
  }

  private StackYamlEvents(String file) {
    this.file = file;
  }

  /**
   * Checks a stack or project file.
   *
   * @param file the file's name as shown in problems
   * @param text the decoded file
   * @return the first problem, or empty; syntax errors are left to the loader, which reports them
   */
  static Optional<Problem> check(String file, String text) {
    StackYamlEvents events = new StackYamlEvents(file);
    try {
      Parser parser = new ParserImpl(new StreamReader(text), new LoaderOptions());
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Optional<Problem> problem = events.accept(parser.getEvent());
        if (problem.isPresent()) {
          return problem;
        }
      }
    } catch (YAMLException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private Optional<Problem> accept(Event event) {
    if (event instanceof CollectionStartEvent start) {
      open.push(new Frame(event instanceof MappingStartEvent, start.getAnchor(), valuePath()));
      if (start.getAnchor() != null) {
        openAnchors.add(start.getAnchor());
      }
      return Optional.empty();
    }
    if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
      Frame closed = open.pop();
      if (closed.anchor != null) {
        openAnchors.remove(closed.anchor);
      }
      advance();
      return Optional.empty();
    }
    if (event instanceof AliasEvent alias) {
      String path = valuePath();
      advance();
      if (openAnchors.contains(alias.getAnchor())) {
        return Optional.of(
            problem(
                event.getStartMark(),
                path,
                "*" + alias.getAnchor(),
                "is an alias of the list or mapping it lies in (a recursive alias), a value"
                    + " without end",
                "write the value out in full instead of reusing it with '&' and '*'"));
      }
      return Optional.empty();
    }
    if (event instanceof ScalarEvent scalar) {
      return scalar(scalar);
    }
    return Optional.empty();
  }

  private Optional<Problem> scalar(ScalarEvent scalar) {
    Frame frame = open.peek();
    boolean isKey = frame != null && frame.mapping && frame.atKey;
    String path = isKey ? frame.path : valuePath();
    String value = scalar.getValue();
    if (isKey) {
      frame.key = value;
    }
    advance();
    int lone = StrictUtf8.loneSurrogate(value);
    if (lone >= 0) {
      return Optional.of(
          problem(
              scalar.getStartMark(),
              isKey ? path + "." + value : path,
              value,
              String.format(
                  "holds the escape \\u%04x, a lone UTF-16 surrogate: half of a character, which"
                      + " no manifest can hold",
                  (int) value.charAt(lone)),
              "write the character itself, or escape the whole code point, e.g. \\U0001F600"));
    }
    if (!isKey
        && open.size() >= STRUCTURED_DEPTH
        && scalar.isPlain()
        && resolver.resolve(NodeId.scalar, value, true).equals(Tag.FLOAT)
        && nonFinite(value)) {
      return Optional.of(
          problem(
              scalar.getStartMark(),
              path,
              value,
              "is a number YAML reads as infinity or not-a-number, which no setting takes",
              "write the number you mean, e.g. 8080, or quote it if it is text"));
    }
    return Optional.empty();
  }

  /** Moves past a value: the next scalar of a mapping is a key again; a list counts on. */
  private void advance() {
    Frame frame = open.peek();
    if (frame == null) {
      return;
    }
    if (frame.mapping) {
      frame.atKey = !frame.atKey;
    } else {
      frame.index++;
    }
  }

  /** The key path of the value about to be read, e.g. {@code config.aphex-pipeline:x.port}. */
  private String valuePath() {
    Frame frame = open.peek();
    if (frame == null) {
      return "";
    }
    String parent = frame.path;
    String step = frame.mapping ? (frame.key == null ? "" : frame.key) : "[" + frame.index + "]";
    if (parent.isEmpty()) {
      return step;
    }
    return frame.mapping ? parent + "." + step : parent + step;
  }

  private static boolean nonFinite(String value) {
    if (NON_FINITE.matcher(value).matches()) {
      return true;
    }
    try {
      return Double.isInfinite(Double.parseDouble(value.replace("_", "")));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private Problem problem(Mark mark, String path, String value, String rule, String fix) {
    String at = file + " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    return new Problem(path.isEmpty() ? at : at + ", " + path, value, rule, fix);
  }
}
