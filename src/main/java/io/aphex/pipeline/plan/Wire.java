package io.aphex.pipeline.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values as the engine receives them: maps with their keys sorted at every level (a protobuf {@code
 * Struct} has no order, and the plan shows one), whole numbers as {@code long}s (the wire's numbers
 * are doubles; the plan prints whole ones without a fraction), nulls kept.
 */
final class Wire {

  private Wire() {}

  static Object of(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), of(v)));
      return new LinkedHashMap<>(sorted);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(of(v)));
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return value;
  }
}
