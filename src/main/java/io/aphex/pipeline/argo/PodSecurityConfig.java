package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.PodSecurity.CONFIG_KEY;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aphex.pipeline.argo.PodSecurity.ParseResult;
import io.aphex.pipeline.argo.PodSecurity.SeccompProfile;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StructuredValueProblems;
import io.aphex.pipeline.config.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/** Reads {@link PodSecurity} from the JSON value of the stack config key. */
final class PodSecurityConfig {

  /** The fields of the config object, in the order of {@link PodSecurity}. */
  static final List<String> FIELDS =
      List.of(
          "fsGroup",
          "runAsNonRoot",
          "runAsUser",
          "allowPrivilegeEscalation",
          "seccompProfile",
          "readOnlyRootFilesystem",
          "dropAllCapabilities");

  private static final List<String> PROFILE_NAMES =
      Arrays.stream(SeccompProfile.values()).map(SeccompProfile::kubernetesName).toList();

  private final List<Problem> problems = new ArrayList<>();
  private final StructuredValueProblems reporter =
      new StructuredValueProblems(CONFIG_KEY, FIELDS, problems);
  private PodSecurity settings = PodSecurity.defaults();

  private PodSecurityConfig() {}

  /** See {@link PodSecurity#fromConfig(String)}. */
  static ParseResult parse(String json) {
    requireNonNull(json, "json");
    if (json.isBlank()) {
      return new ParseResult(Optional.of(PodSecurity.defaults()), List.of());
    }
    List<Problem> notAnObject = new ArrayList<>();
    Optional<JsonNode> object =
        StructuredValueProblems.readObject(
            CONFIG_KEY, json, "pod security settings", "runAsNonRoot true", notAnObject);
    if (object.isEmpty()) {
      return new ParseResult(Optional.empty(), notAnObject);
    }
    JsonNode root = object.get();
    PodSecurityConfig reader = new PodSecurityConfig();
    root.properties().forEach(field -> reader.field(field.getKey(), field.getValue()));
    reader.problems.addAll(PodSecurity.validate(reader.settings));
    return reader.problems.isEmpty()
        ? new ParseResult(Optional.of(reader.settings), List.of())
        : new ParseResult(Optional.empty(), reader.problems);
  }

  private void field(String name, JsonNode value) {
    if (value.isNull()) {
      return;
    }
    switch (name) {
      case "fsGroup" ->
          number(
              value,
              name,
              PodSecurity.DEFAULT_FS_GROUP,
              PodSecurityRules::fsGroup,
              id -> settings = settings.withFsGroup(id));
      case "runAsUser" ->
          number(
              value,
              name,
              1000,
              PodSecurityRules::runAsUser,
              id -> settings = settings.withRunAsUser(id));
      case "runAsNonRoot" -> flag(value, name, true, s -> s.withRunAsNonRoot(value.booleanValue()));
      case "allowPrivilegeEscalation" ->
          flag(value, name, true, s -> s.withAllowPrivilegeEscalation(value.booleanValue()));
      case "readOnlyRootFilesystem" ->
          flag(value, name, true, s -> s.withReadOnlyRootFilesystem(value.booleanValue()));
      case "dropAllCapabilities" ->
          flag(value, name, false, s -> s.withDropAllCapabilities(value.booleanValue()));
      case "seccompProfile" -> seccompProfile(value);
      default -> unknownField(name, value);
    }
  }

  private void flag(
      JsonNode value, String field, boolean example, UnaryOperator<PodSecurity> change) {
    if (value.isBoolean()) {
      settings = change.apply(settings);
      return;
    }
    String command = "pulumi config set --path " + CONFIG_KEY + "." + field + " ";
    boolean quoted =
        value.isTextual()
            && ("true".equals(value.textValue()) || "false".equals(value.textValue()));
    wrongKind(
        CONFIG_KEY + "." + field,
        value,
        "true or false",
        quoted
            ? "write true or false without quotes, e.g. " + command + value.textValue()
            : "set true or false, e.g. " + command + example);
  }

  private void seccompProfile(JsonNode value) {
    String location = CONFIG_KEY + ".seccompProfile";
    String example = "pulumi config set --path " + location + " ";
    if (!value.isTextual()) {
      wrongKind(
          location,
          value,
          "a string",
          "set it to RuntimeDefault or Unconfined, e.g. " + example + "RuntimeDefault");
      return;
    }
    Optional<SeccompProfile> profile = SeccompProfile.fromKubernetesName(value.textValue());
    if (profile.isPresent()) {
      settings = settings.withSeccompProfile(profile.get());
      return;
    }
    problems.add(
        new Problem(
            location,
            value.textValue(),
            "is not a seccomp profile this component sets (RuntimeDefault or Unconfined; the"
                + " names are case-sensitive)",
            Suggestions.closest(value.textValue(), PROFILE_NAMES)
                .map(match -> "did you mean '" + match + "'? Run: " + example + match)
                .orElse(
                    "use RuntimeDefault (the default) or, to switch seccomp off, Unconfined, e.g. "
                        + example
                        + "RuntimeDefault")));
  }

  private void number(
      JsonNode value,
      String field,
      long example,
      LongFunction<Optional<Problem>> rule,
      LongConsumer set) {
    wholeNumber(value, field, example)
        .ifPresent(
            number ->
                rule.apply(number)
                    .ifPresentOrElse(
                        p ->
                            problems.add(
                                new Problem(p.location(), shown(value), p.rule(), p.fix())),
                        () -> set.accept(number)));
  }

  /** Reads a whole number as a long, so that out-of-range values reach the range check. */
  private Optional<Long> wholeNumber(JsonNode value, String field, long example) {
    if (value.isIntegralNumber()) {
      // Beyond a long it is out of any range; the range check reports it with the real text.
      return Optional.of(value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE);
    }
    String location = CONFIG_KEY + "." + field;
    String command = "pulumi config set --path " + location + " ";
    if (value.isTextual() && value.textValue().matches("[0-9]{1,10}")) {
      wrongKind(
          location,
          value,
          "a whole number",
          "write the number without quotes, e.g. " + command + value.textValue());
    } else {
      wrongKind(location, value, "a whole number", "set a whole number, e.g. " + command + example);
    }
    return Optional.empty();
  }

  private void unknownField(String name, JsonNode value) {
    reporter.unknownField(name, value);
  }

  private void wrongKind(String location, JsonNode value, String expected, String fix) {
    reporter.wrongKind(location, value, expected, fix);
  }

  private static String shown(JsonNode value) {
    return StructuredValueProblems.shown(value);
  }

  private static String kind(JsonNode value) {
    return StructuredValueProblems.kind(value);
  }
}
