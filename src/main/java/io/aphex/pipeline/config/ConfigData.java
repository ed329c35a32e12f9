package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The data of a composed config file as the schema sees it, with where each value is written.
 *
 * <p>A plain scalar is read as the strict core of YAML 1.2: empty, {@code ~} and {@code null} are
 * null; exactly {@code true} and {@code false} are booleans (not {@code True}, {@code yes} or
 * {@code on}); decimal integers and floats are numbers; everything else, quoted or not, is text. A
 * key given twice keeps its first value and is reported, and so is a key that is not a scalar.
 */
final class ConfigData {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final int MAX_KEY_IN_PATH = 60;

  /** The longest number read exactly; a longer one is larger than any limit of the schema. */
  private static final int MAX_EXACT_NUMBER = 100;

  private static final Resolver RESOLVER = new Resolver();

  /**
   * A value of the file: its key path as users read it, e.g. {@code environments[1].account}, the
   * line of its key (or of the item in a list), and its YAML node.
   */
  record At(String path, int line, Node node) {

    /** The text of a scalar as written, or the first line of a list or mapping. */
    String raw(Source source) {
      return node instanceof ScalarNode scalar ? scalar.getValue() : source.snippet(node);
    }

    /** Tells whether the value is a scalar written without quotes. */
    boolean isPlain() {
      return node instanceof ScalarNode scalar && scalar.isPlain();
    }

    /** The path without its last key: {@code environments[0]} for {@code environments[0].name}. */
    String owner() {
      return path.substring(0, Math.max(0, path.lastIndexOf('.')));
    }

    String child(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  private final Source source;
  private final ProblemList problems;
  private final Node rootNode;
  private final JsonNode root;

  /**
   * The first value of each key of the mappings a lookup went through, indexed on first use: a
   * render looks up few values (the ones a rule reports or locates), so the file's other mappings
   * are never indexed, and no value gets a path or a line until it is asked for.
   */
  private final Map<MappingNode, Map<String, NodeTuple>> keys = new IdentityHashMap<>();

  /** A step of a key path while the data is read: the key or index, under its parent. */
  private record Step(@Nullable Step parent, Object element) {}

  /**
   * Reads the data of a composed file, reporting repeated and non-scalar keys to {@code problems}.
   *
   * @param source the decoded file
   * @param root the root node
   * @param problems where problems go
   */
  ConfigData(Source source, Node root, ProblemList problems) {
    this.source = source;
    this.problems = problems;
    this.rootNode = root;
    this.root = data(root, null);
  }

  JsonNode root() {
    return root;
  }

  /**
   * Where a value is written.
   *
   * @param elements the JSON path of the value: keys (strings) and indexes (integers)
   * @return where it is, or empty when no value is there
   */
  Optional<At> at(List<Object> elements) {
    At at = new At("", lineOf(rootNode), rootNode);
    for (Object element : elements) {
      Node node = at.node();
      NodeTuple tuple =
          element instanceof String key && node instanceof MappingNode mapping
              ? keysOf(mapping).get(key)
              : null;
      if (tuple != null) {
        String key = printable((String) element);
        at = new At(at.child(key), lineOf(tuple.getKeyNode()), tuple.getValueNode());
      } else if (element instanceof Integer i
          && node instanceof SequenceNode sequence
          && i < sequence.getValue().size()) {
        Node item = sequence.getValue().get(i);
        at = new At(at.path() + "[" + i + "]", lineOf(item), item);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(at);
  }

  private Map<String, NodeTuple> keysOf(MappingNode mapping) {
    return keys.computeIfAbsent(
        mapping,
        m -> {
          Map<String, NodeTuple> first = new HashMap<>();
          for (NodeTuple tuple : m.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
              first.putIfAbsent(key.getValue(), tuple);
            }
          }
          return first;
        });
  }

  /**
   * Reads a plain scalar as the core schema of YAML 1.2 does, booleans written exactly so.
   *
   * @param value the scalar's text
   * @return its data
   */
  static JsonNode plain(String value) {
    if (value.isEmpty() || value.equals("~") || value.equals("null")) {
      return NODES.nullNode();
    }
    if (value.equals("true") || value.equals("false")) {
      return NODES.booleanNode(value.equals("true"));
    }
    boolean integer = INTEGER.matcher(value).matches();
    if ((integer || FLOAT.matcher(value).matches()) && value.length() > MAX_EXACT_NUMBER) {
      // Beyond every limit of the schema: kept as the largest number, without the quadratic cost
      // of a BigInteger or BigDecimal of a megabyte of digits.
      return NODES.numberNode(value.startsWith("-") ? -Double.MAX_VALUE : Double.MAX_VALUE);
    }
    if (integer) {
      return NODES.numberNode(new BigInteger(value));
    }
    if (FLOAT.matcher(value).matches()) {
      return NODES.numberNode(new BigDecimal(value));
    }
    return NODES.textNode(value);
  }

  private JsonNode data(Node node, @Nullable Step step) {
    if (node instanceof MappingNode mapping) {
      ObjectNode object = NODES.objectNode();
      Map<String, Integer> firstLine = new HashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          problems.add(
              lineOf(tuple.getKeyNode()),
              source.location(lineOf(tuple.getKeyNode()), path(step)),
              source.snippet(tuple.getKeyNode()),
              "is not a valid key; keys must be plain names",
              "Write a plain name, such as region, as the key.");
          continue;
        }
        Step field = new Step(step, key.getValue());
        Integer first = firstLine.putIfAbsent(key.getValue(), lineOf(key));
        if (first != null) {
          problems.add(
              lineOf(key),
              source.location(lineOf(key), path(field)),
              key.getValue(),
              "is given twice in this mapping (first on line " + first + ")",
              "Keep one of the two and delete the other.");
          continue;
        }
        object.set(key.getValue(), data(tuple.getValueNode(), field));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        array.add(data(sequence.getValue().get(i), new Step(step, i)));
      }
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    return scalar.isPlain() && !explicitlyText(scalar)
        ? plain(scalar.getValue())
        : NODES.textNode(scalar.getValue());
  }

  /** The key path of a step as users read it, e.g. {@code environments[1].account}. */
  private static String path(@Nullable Step step) {
    if (step == null) {
      return "";
    }
    String parent = path(step.parent());
    return step.element() instanceof Integer i
        ? parent + "[" + i + "]"
        : (parent.isEmpty() ? "" : parent + ".") + printable((String) step.element());
  }

  private static boolean explicitlyText(ScalarNode scalar) {
    return scalar.getTag().equals(Tag.STR)
        && !RESOLVER.resolve(NodeId.scalar, scalar.getValue(), true).equals(Tag.STR);
  }

  static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /** Keeps a key from the file short and on one line when it becomes part of a location. */
  static String printable(String key) {
    if (key.length() <= MAX_KEY_IN_PATH && key.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
      return key;
    }
    StringBuilder out = new StringBuilder();
    key.codePoints()
        .limit(MAX_KEY_IN_PATH)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return key.codePointCount(0, key.length()) > MAX_KEY_IN_PATH ? out + "..." : out.toString();
  }
}
