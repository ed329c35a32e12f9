package io.aphex.pipeline.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML event stream of a config file before any node tree is built, and reports the YAML
 * features an aphex config must not use: anchors and aliases (which also defuses alias bombs),
 * tags, merge keys, deep nesting and more than one document. Events are read one at a time, so
 * nothing here recurses or expands.
 */
final class YamlPreflight {

  /** The deepest nesting of lists and mappings allowed; a valid config needs 5. */
  static final int MAX_DEPTH = 20;

  private static final String STANDARD_PREFIX = Tag.PREFIX;
  private static final String NON_SPECIFIC_TAG = "!";
  private static final String ANCHOR_FIX =
      "Write the values out in full in each place instead of reusing them with '&' and '*'.";

  private final Source source;
  private final ProblemList problems;
  private final Set<String> anchors = new HashSet<>();
  private int depth;
  private int documents;

  private YamlPreflight(Source source) {
    this.source = source;
    this.problems = new ProblemList(source.name());
  }

  /**
   * Builds the node tree of a config file while checking its YAML: every event passes the checks
   * before the composer sees it, so the file is read once and the tree is only returned when no
   * check failed. Reading stops at the first event that makes the rest unsafe to read (a second
   * document, too deep a nesting); a syntax error is then the only problem.
   *
   * @param source the decoded file
   * @param options the loader limits
   * @return the root node; null for a file without content
   * @throws ConfigException with every problem found
   */
  @Nullable
  static Node compose(Source source, LoaderOptions options) {
    YamlPreflight preflight = new YamlPreflight(source);
    Checked parser =
        preflight.new Checked(new ParserImpl(new StreamReader(source.text()), options));
    Node root = null;
    try {
      root = new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (Refused e) {
      // A check said the rest of the stream is not to be read; its problem is reported below.
    } catch (SyntaxError e) {
      throw new ConfigException(List.of(problemFor(source, e.cause)));
    } catch (YAMLException e) {
      if (preflight.problems.toList().isEmpty()) {
        throw new ConfigException(List.of(problemFor(source, e)));
      }
      parser.drain();
    }
    ConfigException.throwIfAny(preflight.problems.toList());
    return root;
  }

  /** Thrown into the composer when a check stops the reading. */
  private static final class Refused extends RuntimeException {
    Refused() {
      super(null, null, false, false);
    }
  }

  /** Carries a syntax error of the YAML reader past the composer. */
  private static final class SyntaxError extends RuntimeException {
    private final YAMLException cause;

    SyntaxError(YAMLException cause) {
      super(null, cause, false, false);
      this.cause = cause;
    }
  }

  /** The parser the composer reads: each event it takes passes the checks first. */
  private final class Checked implements Parser {
    private final Parser events;

    Checked(Parser events) {
      this.events = events;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      try {
        return events.checkEvent(choice);
      } catch (YAMLException e) {
        throw new SyntaxError(e);
      }
    }

    @Override
    public Event peekEvent() {
      try {
        return events.peekEvent();
      } catch (YAMLException e) {
        throw new SyntaxError(e);
      }
    }

    @Override
    public Event getEvent() {
      Event event;
      try {
        event = events.getEvent();
      } catch (YAMLException e) {
        throw new SyntaxError(e);
      }
      if (!accept(event)) {
        throw new Refused();
      }
      return event;
    }

    /** Checks the rest of the stream after the composer gave up, so that every problem shows. */
    void drain() {
      try {
        while (!events.checkEvent(Event.ID.StreamEnd) && accept(events.getEvent())) {
          // each event is checked by accept
        }
      } catch (YAMLException e) {
        throw new ConfigException(List.of(problemFor(source, e)));
      }
    }
  }

  /**
   * Describes an exception of the YAML reader as a problem: where it happened and what it says.
   *
   * @param source the decoded file
   * @param e the exception thrown while reading it
   * @return the problem to report
   */
  static Problem problemFor(Source source, YAMLException e) {
    if (e instanceof ReaderException reader) {
      return new Problem(
          source.location(reader.getPosition()),
          new String(Character.toChars(reader.getCodePoint())),
          "is a special character that YAML does not allow in a file",
          "Remove the character.");
    }
    if (e instanceof MarkedYAMLException marked) {
      Mark mark = shownMark(source, marked);
      String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
      if (mark != null && problem != null) {
        return new Problem(
            source.location(mark),
            source.lineAt(mark),
            "is not valid YAML: " + problem,
            "Correct the YAML syntax here; check the indentation, the quotes and the brackets.");
      }
    }
    return new Problem(
        source.name(),
        String.valueOf(e.getMessage()),
        "was reported while reading the file as YAML",
        "Correct the YAML syntax of the file.");
  }

  /**
   * The mark to show for a syntax error: where the parser gave up, or where the construct it was
   * reading began when it gave up on an empty line (as at the end of the file).
   */
  @Nullable
  private static Mark shownMark(Source source, MarkedYAMLException e) {
    Mark problem = e.getProblemMark();
    Mark context = e.getContextMark();
    if (problem == null || (context != null && source.lineAt(problem).isEmpty())) {
      return context;
    }
    return problem;
  }

  private static int lineOf(Event event) {
    return event.getStartMark().getLine() + 1;
  }

  /** Checks one event; returns false when the rest of the stream should not be read. */
  private boolean accept(Event event) {
    return switch (event.getEventId()) {
      case DocumentStart -> firstDocument(event);
      case MappingStart, SequenceStart -> enterCollection((CollectionStartEvent) event);
      case MappingEnd, SequenceEnd -> leaveCollection();
      case Scalar -> checkScalar((ScalarEvent) event);
      case Alias -> checkAlias((AliasEvent) event);
      default -> true;
    };
  }

  private boolean firstDocument(Event event) {
    documents++;
    if (documents == 1) {
      return true;
    }
    problems.add(
        lineOf(event),
        source.location(event.getStartMark()),
        source.lineAt(event.getStartMark()),
        "starts a second YAML document; the file must hold exactly one",
        "Remove the '---' line and what follows it, or merge the two documents into one.");
    return false;
  }

  private boolean enterCollection(CollectionStartEvent event) {
    checkNode(event, event.getTag());
    depth++;
    if (depth <= MAX_DEPTH) {
      return true;
    }
    problems.add(
        lineOf(event),
        source.location(event.getStartMark()),
        source.lineAt(event.getStartMark()),
        "is nested more than " + MAX_DEPTH + " lists or mappings deep",
        "Remove the extra nesting; a valid config is at most 5 levels deep.");
    return false;
  }

  private boolean leaveCollection() {
    depth--;
    return true;
  }

  private boolean checkScalar(ScalarEvent event) {
    checkNode(event, event.getTag());
    int lone = StrictUtf8.loneSurrogate(event.getValue());
    if (lone >= 0) {
      problems.add(
          lineOf(event),
          source.location(event.getStartMark()),
          event.getValue(),
          String.format(
              "holds the escape \\u%04x, a lone UTF-16 surrogate: half of a character, which no"
                  + " manifest can hold",
              (int) event.getValue().charAt(lone)),
          "Write the character itself, or escape the whole code point, e.g. \\U0001F600.");
    }
    if (event.isPlain() && event.getTag() == null && event.getValue().equals("<<")) {
      problems.add(
          lineOf(event),
          source.location(event.getStartMark()),
          "<<",
          "is a merge key; merge keys are not supported",
          "Write the merged keys out in full in this mapping.");
    }
    return true;
  }

  private void checkNode(NodeEvent event, @Nullable String tag) {
    if (event.getAnchor() != null) {
      anchors.add(event.getAnchor());
      problems.add(
          lineOf(event),
          source.location(event.getStartMark()),
          "&" + event.getAnchor(),
          "defines an anchor; anchors and aliases are not supported",
          ANCHOR_FIX);
    }
    if (tag != null && !tag.equals(NON_SPECIFIC_TAG) && !tag.equals(allowedTag(event))) {
      problems.add(
          lineOf(event),
          source.location(event.getStartMark()),
          tag.startsWith(STANDARD_PREFIX) ? "!!" + tag.substring(STANDARD_PREFIX.length()) : tag,
          "is a YAML tag, which aphex-config does not support",
          "Remove the tag; quote the value if it must be read as text.");
    }
  }

  /** The one explicit tag each kind of node may carry: the one it has anyway. */
  private static String allowedTag(NodeEvent event) {
    return switch (event.getEventId()) {
      case MappingStart -> Tag.MAP.getValue();
      case SequenceStart -> Tag.SEQ.getValue();
      default -> Tag.STR.getValue();
    };
  }

  /** Aliases of a reported anchor are not reported again; one without an anchor is. */
  private boolean checkAlias(AliasEvent event) {
    if (!anchors.contains(event.getAnchor())) {
      problems.add(
          lineOf(event),
          source.location(event.getStartMark()),
          "*" + event.getAnchor(),
          "is an alias of an anchor that is not defined before it; anchors and aliases are not"
              + " supported",
          ANCHOR_FIX);
    }
    return true;
  }
}
