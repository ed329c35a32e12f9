package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The published schemas ({@code schema/aphex-config.schema.json} and {@code
 * schema/stack-config.schema.json}) as the program reads them: from the classpath, where the build
 * copies {@code schema/}, validated in a draft-07 dialect with only the keywords they use (the
 * others are left out, so that the first check loads and builds only what it needs; a test keeps
 * this list and the schemas in step).
 */
public final class PublishedSchemas {

  /** The validated keywords; every other keyword of the schemas is an annotation. */
  public static final List<KeywordType> KEYWORDS =
      List.of(
          KeywordType.TYPE,
          KeywordType.PROPERTIES,
          KeywordType.PATTERN_PROPERTIES,
          KeywordType.PROPERTY_NAMES,
          KeywordType.ADDITIONAL_PROPERTIES,
          KeywordType.REQUIRED,
          KeywordType.ENUM,
          KeywordType.CONST,
          KeywordType.ITEMS_LEGACY,
          KeywordType.MIN_ITEMS,
          KeywordType.UNIQUE_ITEMS,
          KeywordType.CONTAINS,
          KeywordType.ALL_OF,
          KeywordType.ANY_OF,
          KeywordType.NOT,
          KeywordType.IF_THEN_ELSE,
          KeywordType.REF,
          KeywordType.PATTERN,
          KeywordType.MIN_LENGTH,
          KeywordType.MAX_LENGTH,
          KeywordType.MINIMUM,
          KeywordType.MAXIMUM,
          KeywordType.EXCLUSIVE_MINIMUM,
          KeywordType.MULTIPLE_OF);

  /** The dialect, with {@link #KEYWORDS} only. */
  public static final Dialect DRAFT_7 =
      Dialect.builder("http://json-schema.org/draft-07/schema#")
          .specificationVersion(SpecificationVersion.DRAFT_7)
          .idKeyword("$id")
          .keywords(KEYWORDS)
          .build();

  private PublishedSchemas() {}

  /**
   * Reads a published schema from the classpath.
   *
   * @param resource e.g. {@code /schema/stack-config.schema.json}
   * @return the schema
   * @throws IllegalStateException when the build did not put it on the classpath
   */
  public static JsonNode read(String resource) {
    try (InputStream in = PublishedSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + " is not JSON", e);
    }
  }

  /**
   * The elements of a validator's path: field names as strings, list indexes as integers.
   *
   * @param path an instance or schema location
   * @return the elements, outermost first
   */
  public static List<Object> elements(NodePath path) {
    List<Object> elements = new ArrayList<>(path.getNameCount());
    for (int i = 0; i < path.getNameCount(); i++) {
      elements.add(path.getElement(i));
    }
    return elements;
  }
}
