package io.plantline.simulators.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node of a plant or scenario file with its key path, so every error names the file, the key and
 * the problem: {@code plant-small.yaml: sites[0].areas[1].devices[2].unitId: must be 0..255}.
 */
final class ConfigNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private final String source;
  private final String path;
  private final JsonNode node;

  ConfigNode(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  ConfigException error(String problem) {
    return new ConfigException(source, path, problem);
  }

  String path() {
    return path;
  }

  /** Rejects keys outside {@code allowed}: a misspelt key must not be silently ignored. */
  ConfigNode onlyKeys(Set<String> allowed) {
    if (!node.isObject()) {
      throw error("must be a mapping");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw child(name).error("unknown key; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
    return this;
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  ConfigNode child(String key) {
    return new ConfigNode(source, path.isEmpty() ? key : path + "." + key, node.path(key));
  }

  String text(String key) {
    ConfigNode child = required(key);
    if (!child.node.isTextual() || child.node.asText().isBlank()) {
      throw child.error("must be a non-empty string");
    }
    return child.node.asText();
  }

  String text(String key, String fallback) {
    return has(key) ? text(key) : fallback;
  }

  long integer(String key, long min, long max, long fallback) {
    if (!has(key)) {
      return fallback;
    }
    ConfigNode child = child(key);
    if (!child.node.canConvertToLong() || !child.node.isIntegralNumber()) {
      throw child.error("must be an integer");
    }
    long value = child.node.asLong();
    if (value < min || value > max) {
      throw child.error("must be " + min + ".." + max + ", was " + value);
    }
    return value;
  }

  double number(String key, double min, double max, double fallback) {
    if (!has(key)) {
      return fallback;
    }
    ConfigNode child = child(key);
    if (!child.node.isNumber() || !Double.isFinite(child.node.asDouble())) {
      throw child.error("must be a finite number");
    }
    double value = child.node.asDouble();
    if (value < min || value > max) {
      throw child.error("must be " + min + ".." + max + ", was " + value);
    }
    return value;
  }

  Duration duration(String key) {
    ConfigNode child = required(key);
    Matcher m = DURATION.matcher(child.node.asText());
    if (!child.node.isTextual() || !m.matches()) {
      throw child.error("must be a duration such as 250ms, 30s, 5m, 2h or 1d");
    }
    double amount = Double.parseDouble(m.group(1));
    long millis =
        Math.round(
            amount
                * switch (m.group(2)) {
                  case "ms" -> 1;
                  case "s" -> 1_000;
                  case "m" -> 60_000;
                  case "h" -> 3_600_000;
                  default -> 86_400_000;
                });
    return Duration.ofMillis(millis);
  }

  List<ConfigNode> list(String key) {
    if (!has(key)) {
      return List.of();
    }
    ConfigNode child = child(key);
    if (!child.node.isArray()) {
      throw child.error("must be a list");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < child.node.size(); i++) {
      items.add(new ConfigNode(source, child.path + "[" + i + "]", child.node.get(i)));
    }
    return items;
  }

  /** A mapping of scalars (numbers, strings, booleans), e.g. model parameters. */
  Map<String, Object> scalars(String key) {
    return has(key) ? child(key).asScalars() : new LinkedHashMap<>();
  }

  /** This mapping's scalar values (numbers, strings, booleans) by key. */
  Map<String, Object> asScalars() {
    if (!node.isObject()) {
      throw error("must be a mapping");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isNumber()) {
                values.put(e.getKey(), v.numberValue());
              } else if (v.isTextual()) {
                values.put(e.getKey(), v.asText());
              } else if (v.isBoolean()) {
                values.put(e.getKey(), v.booleanValue());
              } else {
                throw child(e.getKey()).error("must be a number, string or boolean");
              }
            });
    return values;
  }

  private ConfigNode required(String key) {
    if (!has(key)) {
      throw child(key).error("is required");
    }
    return child(key);
  }
}
