package io.aphex.pipeline.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one YAML pre-flight of every file the project reads ({@code aphex-config.yaml}, {@code
 * Pulumi.yaml}, {@code Pulumi.<stack>.yaml}): checks the YAML events as the composer reads them,
 * one at a time and without recursion, so that no node tree is built from a file that breaks a rule
 * and nothing ever expands. Every file gets: one document, at most {@value #MAX_DEPTH} levels of
 * lists and mappings, no escaped lone UTF-16 surrogate, and no explicit tag but the one a node has
 * anyway ({@code !!str}, {@code !!map}, {@code !!seq}), so that nothing but text, lists and
 * mappings is ever constructed (no {@code !!binary}, {@code !!set}, {@code !!timestamp}, no class).
 * Then per {@link Dialect}. Each problem names the file, line, column and key path.
 */
public final class YamlPreflight {

  /** The deepest nesting of lists and mappings allowed; a valid config needs 5. */
  public static final int MAX_DEPTH = 20;

  /** The most aliases of lists and mappings read from a Pulumi file. */
  static final int MAX_ALIASES = 20;

  /** The rules that differ between the files. */
  public enum Dialect {
    /**
     * {@code aphex-config.yaml}: plain YAML, so no anchors, aliases or merge keys. Repeated keys
     * are left to {@link ConfigData}, which reports them with the schema's problems.
     */
    PIPELINE_CONFIG,
    /**
     * {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml}, as the Pulumi CLI reads them (with its
     * YAML marshaller, pulumi/pulumi {@code sdk/go/common/workspace/loaders.go}): anchors, aliases
     * and merge keys are allowed, but at most {@value #MAX_ALIASES} aliases of lists and mappings
     * (an alias bomb), none inside the list or mapping it names (a value without end); no key twice
     * in a mapping; and no number inside a structured value that YAML reads as infinity or
     * not-a-number ({@code 1e309}, {@code .inf}).
     */
    PULUMI_FILE
  }

  private static final String NON_SPECIFIC_TAG = "!";
  private static final String TAG_IN_PULUMI_FILE =
      "the offline render does not read; a stack config value is plain text, a mapping or a list";
  private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");

  /** Lists and mappings open around a value inside a structured Pulumi setting. */
  private static final int STRUCTURED_DEPTH = 3;

  private static final Resolver RESOLVER = new Resolver();

  private final Source source;
  private final boolean pulumi;
  private final ProblemList problems;
  private final Deque<Frame> open = new ArrayDeque<>();
  private final Set<String> anchors = new HashSet<>();
  private final Set<String> collectionAnchors = new HashSet<>();
  private final Set<String> openAnchors = new HashSet<>();
  private int aliases;
  private int documents;

  /** One open list or mapping: its anchor, key path, the key being read, the next list index. */
  private static final class Frame {
    final boolean mapping;
    @Nullable final String anchor;
    final String path;
    final Map<String, Integer> keyLines = new HashMap<>();
    String key = "";
    boolean atKey = true;
    int index;

    Frame(boolean mapping, @Nullable String anchor, String path) {
      this.mapping = mapping;
      this.anchor = anchor;
      this.path = path;
    }
  }

  private YamlPreflight(Source source, Dialect dialect) {
    this.source = source;
    this.pulumi = dialect == Dialect.PULUMI_FILE;
    this.problems = new ProblemList(source.name());
  }

  /**
   * Builds the node tree of a file while checking its YAML, as {@link #compose(Source, Dialect)}.
   *
   * @param fileName the file as problems name it, e.g. {@code /work/project/Pulumi.dev.yaml}
   * @param text the decoded file
   * @param dialect the rules of the file
   * @return the root node; null for a file without content
   * @throws ConfigException with every problem found
   */
  @Nullable
  public static Node compose(String fileName, String text, Dialect dialect) {
    return compose(new Source(fileName, text), dialect);
  }

  /**
   * Builds the node tree of a file while checking its YAML: every event passes the checks before
   * the composer sees it, so the file is read once and the tree is only returned when no check
   * failed. Reading stops at the first event that makes the rest unsafe to read (a second document,
   * too deep a nesting, too many aliases); a syntax error is then the only problem.
   *
   * @param source the decoded file
   * @param dialect the rules of the file
   * @return the root node; null for a file without content
   * @throws ConfigException with every problem found
   */
  @Nullable
  static Node compose(Source source, Dialect dialect) {
    YamlPreflight preflight = new YamlPreflight(source, dialect);
    LoaderOptions options = loaderOptions();
    Checked parser =
        preflight.new Checked(new ParserImpl(new StreamReader(source.text()), options));
    Node root = null;
    try {
      root = new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (Refused e) {
      // A check said the rest of the stream is not to be read; its problem is reported below.
    } catch (SyntaxError e) {
      throw new ConfigException(problemFor(source, e.cause));
    } catch (YAMLException e) {
      if (preflight.problems.toList().isEmpty()) {
        throw new ConfigException(problemFor(source, e));
      }
      parser.drain();
    }
    ConfigException.throwIfAny(preflight.problems.toList());
    return root;
  }

  /**
   * The limits of the YAML loader, for the composer here and for a constructor of Java values from
   * the composed tree: no repeated keys, no recursive keys, no merging while composing, at most
   * {@value #MAX_ALIASES} aliases of lists and mappings, {@value #MAX_DEPTH} levels and 1 MiB.
   *
   * @return new options
   */
  public static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(PipelineConfigParser.MAX_BYTES);
    return options;
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
      return read(() -> events.checkEvent(choice));
    }

    @Override
    public Event peekEvent() {
      return read(events::peekEvent);
    }

    @Override
    public Event getEvent() {
      Event event = read(events::getEvent);
      if (!accept(event)) {
        throw new Refused();
      }
      return event;
    }

    /** A syntax error of the reader passes the composer as itself, not as a composer error. */
    private static <T> T read(Supplier<T> step) {
      try {
        return step.get();
      } catch (YAMLException e) {
        throw new SyntaxError(e);
      }
    }

    /** Checks the rest of the stream after the composer gave up, so that every problem shows. */
    void drain() {
      try {
        while (!events.checkEvent(Event.ID.StreamEnd) && accept(events.getEvent())) {
          // each event is checked by accept
        }
      } catch (YAMLException e) {
        throw new ConfigException(problemFor(source, e));
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
  private static Problem problemFor(Source source, YAMLException e) {
    if (e instanceof ReaderException reader) {
      return new Problem(
          source.location(reader.getPosition()),
          new String(Character.toChars(reader.getCodePoint())),
          "is a special character that YAML does not allow in a file",
          "Remove the character.");
    }
    if (e instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      // Where the parser gave up, or where the construct it was reading began when it gave up on
      // an empty line (as at the end of the file).
      Mark mark = marked.getProblemMark();
      String problem = marked.getProblem();
      if (marked.getContextMark() != null && (mark == null || source.lineAt(mark).isEmpty())) {
        mark = marked.getContextMark();
        problem = marked.getContext() + ", " + problem;
      }
      if (mark != null) {
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

  /** The rules, each a sentence fragment and a fix; {@code %s} and such are filled in. */
  private enum Rule {
    SECOND_DOCUMENT(
        "starts a second YAML document; the file must hold exactly one",
        "Remove the '---' line and what follows it, or merge the two documents into one."),
    TOO_DEEP("is nested more than " + MAX_DEPTH + " lists or mappings deep", "Remove the extra%s."),
    LONE_SURROGATE(
        "holds the escape \\u%04x, a lone UTF-16 surrogate: half of a character, which no manifest"
            + " can hold",
        "Write the character itself, or escape the whole code point, e.g. \\U0001F600."),
    TAG("is a YAML tag, which %s", "Remove the tag; quote the value if it must be read as text."),
    ANCHOR("defines an anchor; anchors and aliases are not supported", Rule.ANCHOR_FIX),
    ALIAS_WITHOUT_ANCHOR(
        "is an alias of an anchor that is not defined before it; anchors and aliases are not"
            + " supported",
        Rule.ANCHOR_FIX),
    MERGE_KEY(
        "is a merge key; merge keys are not supported",
        "Write the merged keys out in full in this mapping."),
    RECURSIVE_ALIAS(
        "is an alias of the list or mapping it lies in (a recursive alias), a value without end",
        "Write the value out in full instead of reusing it with '&' and '*'."),
    ALIAS_BOMB(
        "is alias number %d of a list or mapping; at most "
            + MAX_ALIASES
            + " are read, because each can expand the file many times over (an alias bomb)",
        Rule.ANCHOR_FIX),
    REPEATED_KEY(
        "is given twice in this mapping (first on line %d); the Pulumi CLI refuses repeated keys",
        "Keep one of the two lines and delete the other."),
    NON_FINITE(
        "is a number YAML reads as infinity or not-a-number, which no setting takes",
        "Write the number you mean, e.g. 8080, or quote it if it is text.");

    private static final String ANCHOR_FIX =
        "Write the values out in full in each place instead of reusing them with '&' and '*'.";

    final String rule;
    final String fix;

    Rule(String rule, String fix) {
      this.rule = rule;
      this.fix = fix;
    }
  }

  /** Checks one event; returns false when the rest of the stream should not be read. */
  private boolean accept(Event event) {
    return switch (event.getEventId()) {
      case DocumentStart -> ++documents == 1 || report(event, "", null, Rule.SECOND_DOCUMENT);
      case MappingStart, SequenceStart -> enterCollection((CollectionStartEvent) event);
      case MappingEnd, SequenceEnd -> leaveCollection();
      case Scalar -> checkScalar((ScalarEvent) event);
      case Alias -> checkAlias((AliasEvent) event);
      default -> true;
    };
  }

  /**
   * Adds a problem at an event; the value is the source line when null.
   *
   * @return false, for a check that stops the reading
   */
  private boolean report(
      Event event, String path, @Nullable String value, Rule rule, Object... args) {
    Mark mark = event.getStartMark();
    String at = source.location(mark) + (path.isEmpty() ? "" : ", " + path);
    problems.add(
        mark.getLine() + 1,
        at,
        value == null ? source.lineAt(mark) : value,
        String.format(rule.rule, args),
        String.format(rule.fix, args));
    return false;
  }

  private boolean enterCollection(CollectionStartEvent event) {
    String path = valuePath().get();
    checkNode(event, event.getTag(), () -> path);
    open.push(new Frame(event instanceof MappingStartEvent, event.getAnchor(), path));
    if (event.getAnchor() != null) {
      collectionAnchors.add(event.getAnchor());
      openAnchors.add(event.getAnchor());
    }
    String fix = pulumi ? " nesting" : " nesting; a valid config is at most 5 levels deep";
    return open.size() <= MAX_DEPTH || report(event, path, null, Rule.TOO_DEEP, fix);
  }

  private boolean leaveCollection() {
    Frame closed = open.pop();
    if (closed.anchor != null) {
      openAnchors.remove(closed.anchor);
    }
    advance();
    return true;
  }

  private boolean checkScalar(ScalarEvent event) {
    Frame frame = open.peek();
    boolean isKey = frame != null && frame.mapping && frame.atKey;
    String value = event.getValue();
    if (isKey) {
      frame.key = value;
    }
    // The path is only built for a problem: building it for every scalar of a large file cost
    // more than the checks themselves.
    Supplier<String> path =
        isKey ? () -> child(frame.path, ConfigData.printable(value)) : valuePath();
    advance();
    checkNode(event, event.getTag(), path);
    int lone = StrictUtf8.loneSurrogate(value);
    if (lone >= 0) {
      report(event, path.get(), value, Rule.LONE_SURROGATE, (int) value.charAt(lone));
    }
    boolean plain = event.isPlain() && event.getTag() == null;
    if (!pulumi && plain && value.equals("<<")) {
      report(event, path.get(), value, Rule.MERGE_KEY);
    }
    Integer first = isKey && pulumi ? frame.keyLines.putIfAbsent(value, lineOf(event)) : null;
    if (first != null) {
      report(event, path.get(), value, Rule.REPEATED_KEY, first);
    }
    if (pulumi && !isKey && open.size() >= STRUCTURED_DEPTH && plain && nonFinite(value)) {
      report(event, path.get(), value, Rule.NON_FINITE);
    }
    return true;
  }

  /** Refuses an anchor in aphex-config, and every explicit tag but the one a node has anyway. */
  private void checkNode(NodeEvent event, @Nullable String tag, Supplier<String> path) {
    if (event.getAnchor() != null) {
      anchors.add(event.getAnchor());
      if (!pulumi) {
        report(event, path.get(), "&" + event.getAnchor(), Rule.ANCHOR);
      }
    }
    String allowed =
        switch (event.getEventId()) {
          case MappingStart -> Tag.MAP.getValue();
          case SequenceStart -> Tag.SEQ.getValue();
          default -> Tag.STR.getValue();
        };
    if (tag != null && !tag.equals(NON_SPECIFIC_TAG) && !tag.equals(allowed)) {
      String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
      report(
          event,
          path.get(),
          shown,
          Rule.TAG,
          pulumi ? TAG_IN_PULUMI_FILE : "aphex-config does not support");
    }
  }

  /**
   * In aphex-config, every alias is refused: with its anchor, or alone when the anchor is not
   * defined before it. In a Pulumi file, an alias inside the list or mapping it names is refused,
   * and reading stops at alias {@value #MAX_ALIASES} + 1 of a list or mapping.
   */
  private boolean checkAlias(AliasEvent event) {
    String path = valuePath().get();
    advance();
    String anchor = event.getAnchor();
    String shown = "*" + anchor;
    if (!pulumi && !anchors.contains(anchor)) {
      report(event, path, shown, Rule.ALIAS_WITHOUT_ANCHOR);
    } else if (pulumi && openAnchors.contains(anchor)) {
      report(event, path, shown, Rule.RECURSIVE_ALIAS);
    } else if (pulumi && collectionAnchors.contains(anchor) && ++aliases > MAX_ALIASES) {
      return report(event, path, shown, Rule.ALIAS_BOMB, aliases);
    }
    return true;
  }

  /** Moves past a value: the next scalar of a mapping is a key again; a list counts on. */
  private void advance() {
    Frame frame = open.peek();
    if (frame != null && frame.mapping) {
      frame.atKey = !frame.atKey;
    } else if (frame != null) {
      frame.index++;
    }
  }

  /**
   * The key path of the value about to be read, e.g. {@code config.aphex-pipeline:x.port}, built
   * when asked, as it is now: before the value moves the frame on.
   */
  private Supplier<String> valuePath() {
    Frame frame = open.peek();
    if (frame == null) {
      return () -> "";
    }
    if (frame.mapping) {
      String key = frame.key;
      return () -> child(frame.path, ConfigData.printable(key));
    }
    int index = frame.index;
    return () -> frame.path + "[" + index + "]";
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static int lineOf(Event event) {
    return event.getStartMark().getLine() + 1;
  }

  private static boolean nonFinite(String value) {
    if (!RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.FLOAT)) {
      return false;
    }
    if (NON_FINITE.matcher(value).matches()) {
      return true;
    }
    try {
      return Double.isInfinite(Double.parseDouble(value.replace("_", "")));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
