package io.plantline.energy.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A node of a parsed site file that knows its path, so every complaint names the field. */
final class ConfigNode {
  private final JsonNode node;
  private final String path;

  ConfigNode(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  ConfigException invalid(String field, String problem) {
    return new ConfigException(child(field), problem);
  }

  private String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** Fails on a field not in {@code known} (a typo must not pass silently). */
  ConfigNode allow(String... known) {
    if (!node.isObject()) {
      throw new ConfigException(path.isEmpty() ? "(root)" : path, "must be a mapping");
    }
    Set<String> allowed = Set.of(known);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ConfigException(
            child(name), "unknown field (known: " + String.join(", ", known) + ")");
      }
    }
    return this;
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  ConfigNode object(String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw invalid(field, value == null ? "missing" : "must be a mapping");
    }
    return new ConfigNode(value, child(field));
  }

  List<ConfigNode> list(String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(field, "missing");
      }
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(field, "must be a list");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      items.add(new ConfigNode(value.get(i), child(field) + "[" + i + "]"));
    }
    return items;
  }

  String text(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid(field, "missing");
    }
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw invalid(field, "must be a non-blank text");
    }
    return value.asText();
  }

  String text(String field, String fallback) {
    return has(field) ? text(field) : fallback;
  }

  /** The node itself as text (a list item). */
  String text() {
    if (!node.isValueNode() || node.asText().isBlank()) {
      throw new ConfigException(path, "must be a non-blank text");
    }
    return node.asText();
  }

  double number(String field, double fallback, double min, double max) {
    if (!has(field)) {
      if (Double.isNaN(fallback)) {
        throw invalid(field, "missing");
      }
      return fallback;
    }
    JsonNode value = node.get(field);
    if (!value.isNumber()) {
      throw invalid(field, "must be a number, was '" + value.asText() + "'");
    }
    double d = value.asDouble();
    if (!(d >= min && d <= max)) {
      throw invalid(field, "must be " + plain(min) + ".." + plain(max) + ", was " + plain(d));
    }
    return d;
  }

  <T> T parsed(String field, String fallback, String expected, Function<String, T> parse) {
    String raw = has(field) ? text(field) : fallback;
    if (raw == null) {
      throw invalid(field, "missing");
    }
    try {
      return parse.apply(raw.strip());
    } catch (RuntimeException e) {
      throw invalid(field, "must be " + expected + ", was '" + raw + "'");
    }
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
