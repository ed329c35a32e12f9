package io.aphex.pipeline.cli;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.core.internal.Constants;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import io.aphex.pipeline.plan.DeployTime;
import io.aphex.pipeline.plan.PlannedResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The oracle's monitor: the SDK's mock monitor, recording every registration exactly as the engine
 * receives it: type, name, parent and the serialized inputs. Reading the wire form (rather than the
 * mock's deserialized inputs) is what lets secrets be shown as {@code [secret]}.
 */
final class RecordingMonitor extends MockMonitor {

  /** Shown in place of every secret value. */
  static final String SECRET = DeployTime.SECRET;

  /** Shown in place of a value that is unknown until deploy. */
  static final String UNKNOWN = DeployTime.UNKNOWN;

  private final Map<Resource, PlannedResource> registered =
      Collections.synchronizedMap(new IdentityHashMap<>());

  RecordingMonitor(Mocks mocks) {
    super(mocks, PulumiTestInternal.mockLog());
  }

  @Override
  public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
      Resource resource, RegisterResourceRequest request) {
    registered.put(
        resource,
        new PlannedResource(
            request.getType(),
            request.getName(),
            parentOf(request.getParent()),
            structToMap(request.getObject()),
            options(request)));
    return super.registerResourceAsync(resource, request);
  }

  /**
   * Returns what was registered, in the order the program constructed the resources, which unlike
   * the order the engine receives them does not depend on thread scheduling.
   *
   * @param constructionOrder every resource, in the order the program constructed it
   * @return a copy of the records
   */
  List<PlannedResource> registered(List<Resource> constructionOrder) {
    List<PlannedResource> out = new ArrayList<>();
    synchronized (registered) {
      synchronized (constructionOrder) {
        for (Resource resource : constructionOrder) {
          PlannedResource r = registered.get(resource);
          if (r != null) {
            out.add(r);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The options of a registration that change what the engine does, in a fixed order and only those
   * set: {@code provider} (the explicit provider's {@code <type>::<name>}), {@code version} (the
   * provider plugin version), {@code dependsOn} (every resource it waits for, explicit or implied
   * by its inputs, as {@code <type>::<name>}), {@code protect}, {@code retainOnDelete}, {@code
   * deleteBeforeReplace}, {@code additionalSecretOutputs}, {@code ignoreChanges}, {@code
   * replaceOnChanges} and {@code import} (the ID of an existing resource to adopt).
   *
   * @param request the registration as the engine receives it
   * @return the options by name
   */
  static Map<String, Object> options(RegisterResourceRequest request) {
    Map<String, Object> options = new LinkedHashMap<>();
    if (!request.getProvider().isEmpty()) {
      options.put("provider", parentOf(providerUrn(request.getProvider())));
    }
    if (!request.getVersion().isEmpty()) {
      options.put("version", request.getVersion());
    }
    if (request.getDependenciesCount() > 0) {
      options.put(
          "dependsOn",
          request.getDependenciesList().stream().map(RecordingMonitor::parentOf).sorted().toList());
    }
    if (request.getProtect()) {
      options.put("protect", true);
    }
    if (request.getRetainOnDelete()) {
      options.put("retainOnDelete", true);
    }
    if (request.getDeleteBeforeReplaceDefined() || request.getDeleteBeforeReplace()) {
      options.put("deleteBeforeReplace", request.getDeleteBeforeReplace());
    }
    if (request.getAdditionalSecretOutputsCount() > 0) {
      options.put("additionalSecretOutputs", List.copyOf(request.getAdditionalSecretOutputsList()));
    }
    if (request.getIgnoreChangesCount() > 0) {
      options.put("ignoreChanges", List.copyOf(request.getIgnoreChangesList()));
    }
    if (request.getReplaceOnChangesCount() > 0) {
      options.put("replaceOnChanges", List.copyOf(request.getReplaceOnChangesList()));
    }
    if (!request.getImportId().isEmpty()) {
      options.put("import", request.getImportId());
    }
    return options;
  }

  /** A provider reference is {@code <urn>::<id>}; the ID never contains {@code ::}. */
  private static String providerUrn(String reference) {
    int idAt = reference.lastIndexOf("::");
    return idAt < 0 ? reference : reference.substring(0, idAt);
  }

  /**
   * {@code urn:pulumi:<stack>::<project>::<parentTypes>$<type>::<name>} to {@code <type>::<name>}.
   */
  static String parentOf(String urn) {
    if (urn.isEmpty()) {
      return "";
    }
    int nameAt = urn.lastIndexOf("::");
    String types = urn.substring(urn.lastIndexOf("::", nameAt - 1) + 2, nameAt);
    String type = types.substring(types.lastIndexOf('$') + 1);
    return type + "::" + urn.substring(nameAt + 2);
  }

  private static Map<String, Object> structToMap(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    struct.getFieldsMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), toJava(e.getValue())));
    return out;
  }

  private static Object toJava(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case BOOL_VALUE -> value.getBoolValue();
      case NUMBER_VALUE -> number(value.getNumberValue());
      case STRING_VALUE ->
          Constants.UnknownValue.equals(value.getStringValue()) ? UNKNOWN : value.getStringValue();
      case LIST_VALUE ->
          value.getListValue().getValuesList().stream().map(RecordingMonitor::toJava).toList();
      case STRUCT_VALUE -> special(value.getStructValue());
    };
  }

  private static Object special(Struct struct) {
    Value sig = struct.getFieldsMap().get(Constants.SpecialSigKey);
    if (sig != null && Constants.SpecialSecretSig.equals(sig.getStringValue())) {
      return SECRET;
    }
    return structToMap(struct);
  }

  private static Object number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
  }
}
