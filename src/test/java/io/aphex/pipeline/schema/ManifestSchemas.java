package io.aphex.pipeline.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.DialectId;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Validates generated Kubernetes and Argo objects against the upstream schemas kept in {@code
 * src/test/resources/upstream/schemas} (provenance and licence in its README), entirely offline.
 *
 * <p>The Argo schemas are "strictified" on load: every object schema that has {@code properties}
 * gets {@code additionalProperties: false}, so a misspelled or misplaced field fails instead of
 * being silently accepted. CRD nodes marked {@code x-kubernetes-preserve-unknown-fields: true} stay
 * open. The Kubernetes 1.33 schemas are strict already.
 *
 * <p>Objects are dispatched on {@code apiVersion} and {@code kind}:
 *
 * <ul>
 *   <li>{@code WorkflowTemplate}: the Argo Workflows v4.1.2 bundle, the full CRD's {@code
 *       openAPIV3Schema} and the v3.6.0 bundle (the oldest supported release, the first with {@code
 *       synchronization.mutexes}); all must pass.
 *   <li>{@code Workflow}: the Argo Workflows v4.1.2 and v3.6.0 bundles.
 *   <li>{@code EventSource}, {@code Sensor}: the Argo Events v1.9.11 bundle. The resource embedded
 *       in each Sensor {@code argoWorkflow} or {@code k8s} trigger is validated on its own, because
 *       the bundle types it as a bare object.
 *   <li>{@code v1} ServiceAccount, Service, Secret, ConfigMap and {@code
 *       rbac.authorization.k8s.io/v1} Role, RoleBinding: Kubernetes 1.33.
 * </ul>
 *
 * <p>Known false positives of the upstream schemas, which generated objects should avoid rather
 * than the harness hide: the Workflows bundle types IntOrString as a string (write {@code
 * retryStrategy.limit: "3"}) and requires {@code container.image}. The Events bundle also requires
 * {@code webhook.url}, which the Argo Events controller does not; that one the harness drops (see
 * {@code webhookUrlOptional}), because an EventSource without a webhook URL must leave it out.
 *
 * <p>Loading takes a few seconds, so use the per-JVM instance from {@link #get()}. It is safe to
 * share between threads.
 */
public final class ManifestSchemas {

  /** Where the upstream schemas live in the repository, relative to the project root. */
  public static final String SCHEMAS_DIR = "src/test/resources/upstream/schemas";

  private static final String WORKFLOWS_BUNDLE = "argo-workflows-v4.1.2-schema.json";
  private static final String OLDEST_WORKFLOWS_BUNDLE = "argo-workflows-v3.6.0-schema.json";
  private static final String WORKFLOWS_CRD =
      "argo-workflows-v4.1.2-crd-full-workflowtemplates.yaml";
  private static final String EVENTS_BUNDLE = "argo-events-v1.9.11-schema.json";
  private static final String KUBERNETES_DIR = "kubernetes-1.33";
  private static final Map<String, String> KUBERNETES_FILES =
      Map.of(
          "v1 ServiceAccount", "serviceaccount-v1.json",
          "v1 Service", "service-v1.json",
          "v1 Secret", "secret-v1.json",
          "v1 ConfigMap", "configmap-v1.json",
          "rbac.authorization.k8s.io/v1 Role", "role-rbac-v1.json",
          "rbac.authorization.k8s.io/v1 RoleBinding", "rolebinding-rbac-v1.json");

  private static final String ARGO = "argoproj.io/v1alpha1";
  private static final List<String> SENSOR_TRIGGER_TYPES = List.of("argoWorkflow", "k8s");

  /** Not a registered dialect id, yet declared by the Events bundle and the Kubernetes files. */
  private static final String LEGACY_DIALECT = "http://json-schema.org/schema#";

  /** Base IRI for schemas that have no {@code $id}; {@code .invalid} can never resolve. */
  private static final String LOCAL_IRI = "https://aphex.invalid/schemas/";

  private static final List<String> SCHEMA_MAP_KEYWORDS =
      List.of("properties", "patternProperties", "definitions", "$defs");
  private static final List<String> SUBSCHEMA_KEYWORDS =
      List.of("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Map<String, List<Check>> checks = new HashMap<>();

  private record Check(String label, Schema schema) {}

  private static final class Holder {
    private static final ManifestSchemas INSTANCE;
    private static final RuntimeException FAILURE;

    // Keeps the failure so that every get() throws the loud message, not NoClassDefFoundError.
    static {
      ManifestSchemas loaded = null;
      RuntimeException failure = null;
      try {
        loaded = new ManifestSchemas(locateSchemasDir());
      } catch (RuntimeException e) {
        failure = e;
      }
      INSTANCE = loaded;
      FAILURE = failure;
    }
  }

  private ManifestSchemas(Path dir) {
    this.dir = dir;
    Map<String, String> documents = new HashMap<>();
    String workflows = addBundle(documents, WORKFLOWS_BUNDLE);
    String oldestWorkflows = addBundle(documents, OLDEST_WORKFLOWS_BUNDLE);
    String events = addBundle(documents, EVENTS_BUNDLE, ManifestSchemas::webhookUrlOptional);
    String crd = LOCAL_IRI + WORKFLOWS_CRD;
    documents.put(crd, crdSchema());
    KUBERNETES_FILES
        .values()
        .forEach(file -> documents.put(LOCAL_IRI + file, read(KUBERNETES_DIR + "/" + file)));

    SchemaRegistry registry =
        SchemaRegistry.withDialects(
            List.of(
                Dialects.getDraft202012(),
                Dialects.getOpenApi30(),
                Dialect.builder(LEGACY_DIALECT, Dialects.getDraft7()).build()),
            builder ->
                builder
                    .schemas(documents)
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));

    String workflow = workflows + "#/definitions/io.argoproj.workflow.v1alpha1.";
    String oldestWorkflow = oldestWorkflows + "#/definitions/io.argoproj.workflow.v1alpha1.";
    String event = events + "#/definitions/io.argoproj.events.v1alpha1.";
    add(registry, ARGO, "WorkflowTemplate", "argo bundle", workflow + "WorkflowTemplate");
    add(registry, ARGO, "WorkflowTemplate", "argo CRD", crd);
    add(registry, ARGO, "Workflow", "argo bundle", workflow + "Workflow");
    add(
        registry,
        ARGO,
        "WorkflowTemplate",
        "argo v3.6.0 bundle",
        oldestWorkflow + "WorkflowTemplate");
    add(registry, ARGO, "Workflow", "argo v3.6.0 bundle", oldestWorkflow + "Workflow");
    add(registry, ARGO, "EventSource", "argo-events bundle", event + "EventSource");
    add(registry, ARGO, "Sensor", "argo-events bundle", event + "Sensor");
    KUBERNETES_FILES.forEach(
        (type, file) -> {
          String[] apiVersionAndKind = type.split(" ");
          add(
              registry,
              apiVersionAndKind[0],
              apiVersionAndKind[1],
              "kubernetes 1.33",
              LOCAL_IRI + file);
        });
  }

  /**
   * Returns the instance for this JVM, loading the schemas on first use.
   *
   * @return the shared instance
   * @throws IllegalStateException if the schema directory or a schema file is missing or broken;
   *     tests must fail then, never skip
   */
  public static ManifestSchemas get() {
    if (Holder.FAILURE != null) {
      throw new IllegalStateException(Holder.FAILURE.getMessage(), Holder.FAILURE);
    }
    return Holder.INSTANCE;
  }

  /**
   * Returns the directory the schemas were loaded from.
   *
   * @return the absolute schema directory
   */
  public Path schemasDir() {
    return dir;
  }

  /**
   * Validates one object, dispatching on its {@code apiVersion} and {@code kind}.
   *
   * @param object the object as plain maps, lists and scalars, as it would be serialized
   * @return one line per error: the schema, the JSON pointer of the offending value and the
   *     message, such as {@code WorkflowTemplate (argo bundle, strict):
   *     /spec/templates/1/arguments: property 'arguments' is not defined in the schema and the
   *     schema does not allow additional properties}; empty when the object is valid
   */
  public List<String> validate(Map<String, Object> object) {
    return validate(JSON.valueToTree(object), "");
  }

  /**
   * Validates one object given as JSON text; see {@link #validate(Map)}.
   *
   * @param json a JSON object
   * @return one line per error; empty when the object is valid
   * @throws IllegalArgumentException if {@code json} is not JSON
   */
  public List<String> validateJson(String json) {
    try {
      return validate(JSON.readTree(json), "");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Fails unless the object is valid; see {@link #validate(Map)}.
   *
   * @param object the object as plain maps, lists and scalars
   * @throws AssertionError listing every error, headed by the object's kind and name
   */
  public void assertValid(Map<String, Object> object) {
    List<String> errors = validate(object);
    if (!errors.isEmpty()) {
      JsonNode metadata = JSON.valueToTree(object).path("metadata");
      String name = metadata.path("name").asText(metadata.path("generateName").asText());
      throw new AssertionError(
          object.get("kind")
              + "/"
              + name
              + " does not match its schema:"
              + errors.stream().map(error -> "\n  - " + error).collect(Collectors.joining()));
    }
  }

  private List<String> validate(JsonNode object, String base) {
    String apiVersion = object.path("apiVersion").asText("<none>");
    String kind = object.path("kind").asText("<none>");
    List<Check> found = checks.get(apiVersion + " " + kind);
    if (found == null) {
      return List.of(
          (base.isEmpty() ? "" : base + ": ") + "no schema for " + apiVersion + " " + kind);
    }
    List<String> errors = new ArrayList<>();
    for (Check check : found) {
      for (Error error : check.schema().validate(object)) {
        errors.add(check.label() + ": " + location(base, error) + ": " + error.getMessage());
      }
    }
    if (ARGO.equals(apiVersion) && "Sensor".equals(kind)) {
      JsonNode triggers = object.path("spec").path("triggers");
      for (int i = 0; i < triggers.size(); i++) {
        for (String type : SENSOR_TRIGGER_TYPES) {
          JsonNode resource =
              triggers.get(i).path("template").path(type).path("source").path("resource");
          if (resource.isObject()) {
            String at = "/spec/triggers/" + i + "/template/" + type + "/source/resource";
            errors.addAll(validate(resource, base + at));
          }
        }
      }
    }
    return errors;
  }

  /**
   * Returns the JSON pointer of the error, shown as {@code /} at the root. For an unknown property
   * it points at the property itself rather than at the object that holds it.
   */
  private static String location(String base, Error error) {
    String location = base + error.getInstanceLocation();
    if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
      location += "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
    }
    return location.isEmpty() ? "/" : location;
  }

  private void add(
      SchemaRegistry registry, String apiVersion, String kind, String source, String iri) {
    Schema schema = registry.getSchema(SchemaLocation.of(iri));
    schema.initializeValidators();
    checks
        .computeIfAbsent(apiVersion + " " + kind, key -> new ArrayList<>())
        .add(new Check(kind + " (" + source + ", strict)", schema));
  }

  /** Strictifies a bundle and registers it under its own {@code $id}, which it returns. */
  private String addBundle(Map<String, String> documents, String file) {
    return addBundle(documents, file, bundle -> {});
  }

  private String addBundle(
      Map<String, String> documents, String file, java.util.function.Consumer<JsonNode> fix) {
    JsonNode bundle = parseJson(file);
    fix.accept(bundle);
    strictify(bundle);
    String id = bundle.path("$id").asText();
    documents.put(id, bundle.toString());
    return id;
  }

  /**
   * The Events bundle lists {@code WebhookContext.url} as required, but the controller never checks
   * it (argo-events {@code pkg/eventsources/common/webhook/validate.go} {@code
   * ValidateWebhookContext} checks only endpoint and port; the Events CRDs preserve unknown fields)
   * and a GitHub source registers no hook without it ({@code GithubEventSource.NeedToCreateHooks}).
   * An EventSource without a webhook URL must leave it out, so the harness drops it from {@code
   * required}.
   */
  private static void webhookUrlOptional(JsonNode bundle) {
    JsonNode required =
        bundle
            .path("definitions")
            .path("io.argoproj.events.v1alpha1.WebhookContext")
            .path("required");
    if (!required.isArray()) {
      throw new IllegalStateException("the Events bundle has no WebhookContext.required");
    }
    for (int i = required.size() - 1; i >= 0; i--) {
      if ("url".equals(required.get(i).asText())) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) required).remove(i);
      }
    }
  }

  private String crdSchema() {
    LoaderOptions options = new LoaderOptions();
    // The CRD is close to snakeyaml's default limit of 3 MB.
    options.setCodePointLimit(64 * 1024 * 1024);
    Map<String, Object> crd = new Yaml(options).load(read(WORKFLOWS_CRD));
    JsonNode schema = JSON.valueToTree(crd).at("/spec/versions/0/schema/openAPIV3Schema");
    if (!schema.isObject()) {
      throw new IllegalStateException(
          dir.resolve(WORKFLOWS_CRD) + " has no spec.versions[0].schema.openAPIV3Schema");
    }
    strictify(schema);
    ((ObjectNode) schema).put("$schema", DialectId.OPENAPI_3_0);
    return schema.toString();
  }

  /**
   * Adds {@code additionalProperties: false} to every object schema with {@code properties} that
   * sets no {@code additionalProperties} itself, walking only schema positions so that a property
   * named like a keyword is never mistaken for one.
   */
  private static void strictify(JsonNode schema) {
    if (!schema.isObject() || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      return;
    }
    ObjectNode node = (ObjectNode) schema;
    if (node.path("properties").isObject() && !node.has("additionalProperties")) {
      node.put("additionalProperties", false);
    }
    SCHEMA_MAP_KEYWORDS.forEach(key -> node.path(key).forEach(ManifestSchemas::strictify));
    for (String key : SUBSCHEMA_KEYWORDS) {
      JsonNode child = node.path(key);
      if (child.isArray()) {
        child.forEach(ManifestSchemas::strictify);
      } else {
        strictify(child);
      }
    }
  }

  private JsonNode parseJson(String file) {
    try {
      return JSON.readTree(read(file));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(dir.resolve(file) + " is not valid JSON", e);
    }
  }

  private String read(String file) {
    Path path = dir.resolve(file);
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read schema file "
              + path
              + " ("
              + e.getClass().getSimpleName()
              + "). Schema validation must not be skipped: restore "
              + SCHEMAS_DIR
              + " from the repository.",
          e);
    }
  }

  private static Path locateSchemasDir() {
    Path dir = SampleConfigs.projectDir().resolve(SCHEMAS_DIR);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "Schema directory "
              + dir
              + " does not exist. Schema validation must not be skipped: restore "
              + SCHEMAS_DIR
              + " from the repository.");
    }
    return dir;
  }
}
