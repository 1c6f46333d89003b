package io.plantline.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict reading of one YAML mapping: typed getters that name the key path on failure, and {@link
 * #finish()} that rejects keys nobody read.
 */
final class YamlNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final String source;
  private final ObjectNode node;
  private final Function<String, String> pathOf;
  private final Set<String> read = new LinkedHashSet<>();

  YamlNode(String source, JsonNode node, String path, Function<String, String> pathOf) {
    this.source = source;
    if (node == null || !node.isObject()) {
      throw new RuleFileException(source, path, "expected a mapping");
    }
    this.node = (ObjectNode) node;
    this.pathOf = pathOf;
  }

  static YamlNode at(String source, JsonNode node, String path) {
    return new YamlNode(source, node, path, key -> path.isEmpty() ? key : path + "." + key);
  }

  ObjectNode raw() {
    return node;
  }

  String path(String key) {
    return pathOf.apply(key);
  }

  RuleFileException error(String key, String problem) {
    return new RuleFileException(source, path(key), problem);
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  JsonNode required(String key) {
    read.add(key);
    if (!has(key)) {
      throw error(key, "missing");
    }
    return node.get(key);
  }

  String string(String key) {
    JsonNode v = required(key);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw error(key, "expected a non-empty string");
    }
    return v.asText();
  }

  String string(String key, String fallback) {
    read.add(key);
    return has(key) ? string(key) : fallback;
  }

  double number(String key) {
    JsonNode v = required(key);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw error(key, "expected a number, got " + describe(v));
    }
    return v.asDouble();
  }

  double number(String key, double fallback) {
    read.add(key);
    return has(key) ? number(key) : fallback;
  }

  long positiveInteger(String key, long fallback) {
    read.add(key);
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    if (!v.isIntegralNumber() || v.asLong() < 1) {
      throw error(key, "expected a whole number of at least 1, got " + describe(v));
    }
    return v.asLong();
  }

  long duration(String key) {
    JsonNode v = required(key);
    Matcher m = DURATION.matcher(v.isTextual() ? v.asText() : "");
    if (!m.matches()) {
      throw error(key, "bad duration " + describe(v) + " (expected e.g. 500ms, 30s, 5m, 2h, 1d)");
    }
    long unitMillis =
        switch (m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1000;
          case "m" -> 60_000;
          case "h" -> 3_600_000;
          default -> 86_400_000;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unitMillis);
    } catch (NumberFormatException | ArithmeticException e) {
      // found by fuzzing: a number of 30 digits escaped as NumberFormatException
      throw error(
          key, "duration " + describe(v) + " is too long (at most " + Long.MAX_VALUE + "ms)");
    }
  }

  long duration(String key, long fallback) {
    read.add(key);
    return has(key) ? duration(key) : fallback;
  }

  <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
    read.add(key);
    if (!has(key)) {
      return fallback;
    }
    String text = string(key);
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(text)) {
        return c;
      }
    }
    List<String> names = new ArrayList<>();
    for (E c : type.getEnumConstants()) {
      names.add(c.name());
    }
    throw error(key, "unknown value '" + text + "' (expected one of " + names + ")");
  }

  List<JsonNode> list(String key) {
    JsonNode v = required(key);
    if (!v.isArray()) {
      throw error(key, "expected a list");
    }
    List<JsonNode> items = new ArrayList<>();
    v.forEach(items::add);
    return items;
  }

  List<String> strings(String key) {
    List<String> values = new ArrayList<>();
    List<JsonNode> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new RuleFileException(source, path(key) + "[" + i + "]", "expected a string");
      }
      values.add(item.asText());
    }
    if (values.isEmpty()) {
      throw error(key, "empty list");
    }
    return values;
  }

  YamlNode child(String key) {
    JsonNode v = required(key);
    String p = path(key);
    return new YamlNode(source, v, p, k -> p + "." + k);
  }

  Iterator<Map.Entry<String, JsonNode>> entries() {
    return node.properties().iterator();
  }

  void markRead(String key) {
    read.add(key);
  }

  /** Rejects the first key that no getter asked for. */
  void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!read.contains(key)) {
        throw error(key, "unknown key (known here: " + String.join(", ", read) + ")");
      }
    }
  }

  private static String describe(JsonNode v) {
    return v.isTextual() ? "'" + v.asText() + "'" : v.toString();
  }
}
