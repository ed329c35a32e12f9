package io.aphex.pipeline.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile parsed the way BuildKit's frontend reads it, enough to check it without a daemon:
 * comment lines are dropped (also inside a continuation), lines ending in a backslash continue the
 * instruction, each instruction is its keyword and its arguments, and an instruction knows whether
 * comment lines stand right above it. ARGs before the first FROM are global; the others belong to
 * their stage.
 */
record Dockerfile(Path path, List<Instruction> instructions) {

  /** One instruction: its keyword in upper case, its arguments and the stage it belongs to. */
  record Instruction(int line, String keyword, String arguments, int stage, boolean commented) {}

  private static final Pattern INSTRUCTION = Pattern.compile("([A-Za-z]+)\\s+(.*)", Pattern.DOTALL);
  private static final Pattern ARG = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?");

  static Dockerfile read(Path path) throws IOException {
    List<String> lines = Files.readAllLines(path);
    List<Instruction> instructions = new ArrayList<>();
    int stage = -1;
    boolean comment = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        comment = false;
        continue;
      }
      if (line.startsWith("#")) {
        comment = true;
        continue;
      }
      int start = i + 1;
      StringBuilder text = new StringBuilder();
      while (line.endsWith("\\")) {
        text.append(line, 0, line.length() - 1).append(' ');
        do {
          line = lines.get(++i).strip();
        } while (line.startsWith("#"));
      }
      text.append(line);
      Matcher m = INSTRUCTION.matcher(text.toString().replaceAll("\\s+", " "));
      if (!m.matches()) {
        throw new IllegalArgumentException(path + ":" + start + ": not an instruction: " + text);
      }
      String keyword = m.group(1).toUpperCase();
      if (keyword.equals("FROM")) {
        stage++;
      }
      instructions.add(new Instruction(start, keyword, m.group(2).strip(), stage, comment));
      comment = false;
    }
    return new Dockerfile(path, List.copyOf(instructions));
  }

  /** The number of the last stage, the image. */
  int finalStage() {
    return instructions.get(instructions.size() - 1).stage();
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  List<Instruction> inStage(int stage, String keyword) {
    return all(keyword).stream().filter(i -> i.stage() == stage).toList();
  }

  /** The ARG defaults of a stage ({@code -1}: the global ARGs before the first FROM). */
  Map<String, String> args(int stage) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Instruction arg : inStage(stage, "ARG")) {
      Matcher m = ARG.matcher(arg.arguments());
      if (!m.matches()) {
        throw new IllegalArgumentException(path + ":" + arg.line() + ": bad ARG " + arg);
      }
      out.put(m.group(1), m.group(2) == null ? "" : m.group(2));
    }
    return out;
  }

  /** Every ARG default of every stage, by name; a name given twice must have one value. */
  Map<String, String> allArgs() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int stage = -1; stage <= finalStage(); stage++) {
      for (Map.Entry<String, String> e : args(stage).entrySet()) {
        String before = out.putIfAbsent(e.getKey(), e.getValue());
        if (before != null && !before.equals(e.getValue())) {
          throw new IllegalStateException(
              path + ": ARG " + e.getKey() + " is both " + before + " and " + e.getValue());
        }
      }
    }
    return out;
  }
}
