package io.aphex.pipeline.config;

import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.KeywordType;
import java.util.List;

/**
 * The draft-07 dialect of the published schemas ({@code schema/aphex-config.schema.json} and {@code
 * schema/stack-config.schema.json}), with only the keywords they use: the others are left out, so
 * that the first check loads and builds only what it needs. A test keeps this list and the schemas
 * in step.
 */
public final class SchemaDialect {

  /** The validated keywords; every other keyword of the schemas is an annotation. */
  public static final List<KeywordType> KEYWORDS =
      List.of(
          KeywordType.TYPE,
          KeywordType.PROPERTIES,
          KeywordType.PATTERN_PROPERTIES,
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

  private SchemaDialect() {}
}
