package io.aphex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.PipelineConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of the code as it is: the pure packages never touch the Pulumi SDK, and the
 * dependencies between packages go one way, from the later layers of {@link #LAYERS} to the earlier
 * ones. The compiled main classes are read as the JVM reads them: every class, descriptor and
 * generic signature in a class file's constant pool counts, so a fully qualified name in the code
 * is a dependency as much as an import is; string constants do not count.
 */
class ArchitectureTest {

  private static final String ROOT = "io/aphex/pipeline/";

  /** The packages that hold plain data and pure functions (docs/layout.md). */
  private static final Set<String> PURE =
      Set.of(
          "config", "images", "iam", "kubernetes", "argo", "events", "cluster", "review", "plan");

  /**
   * Every package, each after all the packages it may use: a package may depend only on those
   * before it. The order is the one today's code has.
   */
  private static final List<String> LAYERS =
      List.of(
          // The input: the pipeline config model, its parser and the naming rules.
          "config",
          // Plain data with no dependency on the rest.
          "cluster",
          "kubernetes",
          "review",
          // Plain data built from the config.
          "images",
          "iam",
          "argo",
          "events",
          // What pulumi up registers, as plain data: the render's, and the component's
          // descriptions.
          "plan",
          // The Pulumi layer, its mocks and its users.
          "component",
          "testing",
          "program",
          "provider",
          "cli");

  /**
   * The back-edges the code has today, each with the reason it is there. The test fails when one
   * goes away, so that this list only shrinks.
   */
  private static final Map<String, String> KNOWN_BACK_EDGES = Map.of();

  /**
   * The classes that use the Pulumi SDK's internals ({@code com.pulumi.**.internal}), which an SDK
   * upgrade may change without notice: only one class of the plugin package, which serves the
   * component through the SDK's component provider, which pulumi-java has only in {@code
   * com.pulumi.provider.internal}
   * (sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/ComponentProvider.java). The render
   * needs no engine (issue 14): the engine run that proves its plan is a test. A new user fails the
   * test, and one that goes away must leave the list.
   */
  private static final Set<String> SDK_INTERNALS_USERS =
      Set.of("io.aphex.pipeline.provider.SdkComponentProvider");

  private static final Pattern OWN_PACKAGE = Pattern.compile(Pattern.quote(ROOT) + "([a-z]+)/");
  private static final Pattern PULUMI = Pattern.compile("com/pulumi/");
  private static final Pattern PULUMI_INTERNAL = Pattern.compile("com/pulumi/[\\w/]*internal/");

  private static Map<String, ClassRefs> classes;

  /** What one compiled class refers to. */
  private record ClassRefs(
      String name, String pkg, Set<String> packages, boolean pulumi, boolean pulumiInternal) {}

  @BeforeAll
  static void readClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(PipelineConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    classes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root.resolve(ROOT))) {
      files.filter(f -> f.toString().endsWith(".class")).forEach(f -> read(root, f));
    }
  }

  @Test
  void theCompiledClassesAreAllThere() {
    assertThat(classes).hasSizeGreaterThan(100);
    assertThat(classes.values().stream().map(ClassRefs::pkg).distinct().sorted())
        .as("every package has its place in LAYERS")
        .containsExactlyInAnyOrderElementsOf(LAYERS);
  }

  @Test
  void thePurePackagesNeverUseThePulumiSdk() {
    assertThat(classes.values())
        .filteredOn(c -> PURE.contains(c.pkg()) && c.pulumi())
        .extracting(ClassRefs::name)
        .as("classes of the pure packages %s that refer to com.pulumi", PURE)
        .isEmpty();
  }

  @Test
  void packagesDependOnlyOnEarlierLayersBesidesTheKnownBackEdges() {
    Map<String, Set<String>> backEdges = new TreeMap<>();
    for (ClassRefs c : classes.values()) {
      for (String target : c.packages()) {
        if (LAYERS.indexOf(target) > LAYERS.indexOf(c.pkg())) {
          backEdges
              .computeIfAbsent(c.pkg() + " -> " + target, edge -> new TreeSet<>())
              .add(c.name());
        }
      }
    }

    assertThat(backEdges.keySet())
        .as("package dependencies against the order of LAYERS, with their classes: %s", backEdges)
        .containsExactlyInAnyOrderElementsOf(KNOWN_BACK_EDGES.keySet());
  }

  @Test
  void theSdksInternalsAreUsedOnlyWhereTheyAreToday() {
    Set<String> users = new TreeSet<>();
    classes.values().stream()
        .filter(ClassRefs::pulumiInternal)
        .forEach(c -> users.add(c.name().replaceAll("\\$.*", "")));

    assertThat(users).containsExactlyInAnyOrderElementsOf(SDK_INTERNALS_USERS);
  }

  /** The rules can fail: a class that uses the SDK and a later layer is caught by both. */
  @Test
  void theReaderSeesDependenciesThatAreNotImports() {
    // The plugin's AphexPipeline names the library's only by its fully qualified name.
    ClassRefs plugin = classes.get("io.aphex.pipeline.provider.AphexPipeline");
    ClassRefs component = classes.get("io.aphex.pipeline.component.AphexPipeline");

    assertThat(plugin.packages()).contains("component", "program");
    assertThat(component.pulumi()).isTrue();
    assertThat(component.packages()).doesNotContain("program", "cli", "provider");
  }

  private static void read(Path root, Path file) {
    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
    Matcher own = OWN_PACKAGE.matcher(root.relativize(file).toString().replace('\\', '/'));
    String pkg = own.lookingAt() ? own.group(1) : "";
    Set<String> packages = new HashSet<>();
    boolean pulumi = false;
    boolean internal = false;
    for (String reference : references(file)) {
      Matcher m = OWN_PACKAGE.matcher(reference);
      while (m.find()) {
        if (!m.group(1).equals(pkg)) {
          packages.add(m.group(1));
        }
      }
      pulumi |= PULUMI.matcher(reference).find();
      internal |= PULUMI_INTERNAL.matcher(reference).find();
    }
    classes.put(name, new ClassRefs(name, pkg, Set.copyOf(packages), pulumi, internal));
  }

  /**
   * The UTF-8 entries of a class file's constant pool (JVMS 4.4) that name classes, descriptors and
   * signatures: all of them but the values of string constants.
   */
  private static List<String> references(Path file) {
    try (InputStream stream = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(stream)) {
      in.readInt();
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      Set<Integer> stringValues = new HashSet<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7, 16, 19, 20 -> in.readUnsignedShort();
          case 8 -> stringValues.add(in.readUnsignedShort());
          case 15 -> in.skipNBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
          case 5, 6 -> {
            in.skipNBytes(8);
            i++;
          }
          default -> throw new IOException("constant pool tag " + tag + " in " + file);
        }
      }
      List<String> references = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        if (utf8[i] != null && !stringValues.contains(i)) {
          references.add(utf8[i]);
        }
      }
      return references;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
