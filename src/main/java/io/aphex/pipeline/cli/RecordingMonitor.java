package io.aphex.pipeline.cli;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.core.internal.Constants;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
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
 * The SDK's mock monitor, recording every registration exactly as the engine receives it: type,
 * name, parent and the serialized inputs. Reading the wire form (rather than the mock's
 * deserialized inputs) is what lets secrets be shown as {@code [secret]}.
 */
final class RecordingMonitor extends MockMonitor {

  /** Shown in place of every secret value. */
  static final String SECRET = "[secret]";

  /** Shown in place of a value that is unknown until deploy. */
  static final String UNKNOWN = "[unknown until deploy]";

  private final Map<Resource, RegisteredResource> registered =
      Collections.synchronizedMap(new IdentityHashMap<>());

  RecordingMonitor(Mocks mocks) {
    super(mocks, PulumiTestInternal.mockLog());
  }

  @Override
  public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
      Resource resource, RegisterResourceRequest request) {
    registered.put(
        resource,
        new RegisteredResource(
            request.getType(),
            request.getName(),
            parentOf(request.getParent()),
            structToMap(request.getObject()),
            request.getRetainOnDelete()));
    return super.registerResourceAsync(resource, request);
  }

  /**
   * Returns what was registered, in the order the program constructed the resources, which unlike
   * the order the engine receives them does not depend on thread scheduling.
   *
   * @param constructionOrder every resource, in the order the program constructed it
   * @return a copy of the records
   */
  List<RegisteredResource> registered(List<Resource> constructionOrder) {
    List<RegisteredResource> out = new ArrayList<>();
    synchronized (registered) {
      synchronized (constructionOrder) {
        for (Resource resource : constructionOrder) {
          RegisteredResource r = registered.get(resource);
          if (r != null) {
            out.add(r);
          }
        }
      }
    }
    return List.copyOf(out);
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
