package io.plantline.gateway.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantline.contracts.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One YAML mapping of the configuration, checked to hold only known keys, with typed accessors that
 * fail with a {@link ConfigException} naming the key path: {@code gateway.id}, {@code
 * devices[3].timeout}, {@code uplinks.mqtt.url}.
 */
final class ConfigNode {

  private static final Map<String, String> KEY_HINTS =
      Map.of("password", "passwords never go in the file; use passwordFile or passwordEnv");

  private final String source;
  private final String path;
  private final JsonNode node;

  private ConfigNode(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  /**
   * The mapping at {@code path} ("" for the root), checked to have only the given keys; {@code
   * null} keys accept any (for mappings keyed by names, such as point names).
   */
  static ConfigNode mapping(String source, String path, JsonNode node, List<String> keys) {
    ConfigNode mapping = new ConfigNode(source, path, node);
    if (!node.isObject()) {
      throw mapping.failHere("must be a mapping of keys to values, was " + shown(node));
    }
    if (keys == null) {
      return mapping;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        throw mapping.fail(
            name,
            KEY_HINTS.getOrDefault(
                name, "unknown key; expected one of " + String.join(", ", keys)));
      }
    }
    return mapping;
  }

  String source() {
    return source;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigException fail(String key, String problem) {
    return new ConfigException(source, path(key), problem);
  }

  ConfigException failHere(String problem) {
    return new ConfigException(source, path.isEmpty() ? "$" : path, problem);
  }

  boolean has(String key) {
    return node.has(key);
  }

  /** The key names present, in file order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The value of a key, or null when absent; a key without a value is an error. */
  JsonNode value(String key) {
    JsonNode value = node.get(key);
    if (value != null && value.isNull()) {
      throw fail(key, "has no value");
    }
    return value;
  }

  /** A required nested mapping. */
  ConfigNode child(String key, List<String> keys) {
    return optionalChild(key, keys).orElseThrow(() -> fail(key, "missing required key"));
  }

  /** An optional nested mapping. */
  Optional<ConfigNode> optionalChild(String key, List<String> keys) {
    JsonNode value = value(key);
    return value == null ? Optional.empty() : Optional.of(mapping(source, path(key), value, keys));
  }

  /** An optional nested mapping keyed by names of the user's choosing; the caller checks them. */
  Optional<ConfigNode> optionalNamedChild(String key) {
    return optionalChild(key, null);
  }

  /** A required, non-empty list of mappings: {@code devices[0]}, {@code devices[1]}, … */
  List<ConfigNode> mappingList(String key, List<String> keys, String noun) {
    JsonNode value = value(key);
    if (value == null) {
      throw fail(key, "missing required key");
    }
    if (!value.isArray() || value.isEmpty()) {
      throw fail(key, "must be a list of at least one " + noun + ", was " + shown(value));
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      items.add(mapping(source, path(key) + "[" + i + "]", value.get(i), keys));
    }
    return items;
  }

  /** A required, non-empty list of strings. */
  List<String> textList(String key) {
    JsonNode value = value(key);
    if (value == null) {
      throw fail(key, "missing required key");
    }
    if (!value.isArray() || value.isEmpty()) {
      throw fail(key, "must be a list of at least one name, was " + shown(value));
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        throw fail(key + "[" + i + "]", "must be a string, was " + shown(value.get(i)));
      }
      texts.add(value.get(i).textValue());
    }
    return texts;
  }

  Optional<String> text(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      String hint = value.isNumber() || value.isBoolean() ? " (quote it)" : "";
      throw fail(key, "must be a non-empty string" + hint + ", was " + shown(value));
    }
    return Optional.of(value.textValue());
  }

  String requiredText(String key) {
    return text(key).orElseThrow(() -> fail(key, "missing required key"));
  }

  /** A required id: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}. */
  String id(String key) {
    JsonNode value = value(key);
    if (value == null) {
      throw fail(key, "missing required key");
    }
    if (!value.isTextual() || !Ids.isValid(value.textValue())) {
      throw fail(
          key,
          "must be an id of 1 to 64 characters A-Z a-z 0-9 . _ - starting with a letter or digit,"
              + " was "
              + shown(value));
    }
    return value.textValue();
  }

  Optional<Integer> integer(String key, int min, int max) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.intValue() < min
        || value.intValue() > max) {
      throw fail(
          key, "must be a whole number between " + min + " and " + max + ", was " + shown(value));
    }
    return Optional.of(value.intValue());
  }

  int integer(String key, int fallback, int min, int max) {
    return integer(key, min, max).orElse(fallback);
  }

  /** A finite number of at least {@code min}. */
  double number(String key, double fallback, double min) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < min) {
      throw fail(key, "must be a finite number >= " + plain(min) + ", was " + shown(value));
    }
    return value.doubleValue();
  }

  /** A number in {@code [min, max]}. */
  double number(String key, double fallback, double min, double max) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber() || !(value.doubleValue() >= min && value.doubleValue() <= max)) {
      throw fail(
          key,
          "must be a number between "
              + plain(min)
              + " and "
              + plain(max)
              + ", was "
              + shown(value));
    }
    return value.doubleValue();
  }

  /** A duration in {@code [min, max]}, both written as in the file, e.g. "50ms" and "60s". */
  Duration duration(String key, Duration fallback, String min, String max) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    Optional<Duration> parsed =
        value.isTextual() ? Quantities.duration(value.textValue()) : Optional.empty();
    if (parsed.isEmpty()
        || parsed.get().compareTo(Quantities.requireDuration(min)) < 0
        || parsed.get().compareTo(Quantities.requireDuration(max)) > 0) {
      throw fail(
          key, "must be a duration between " + min + " and " + max + ", was " + shown(value));
    }
    return parsed.get();
  }

  /** A size in bytes in {@code [min, max]}, both written as in the file, e.g. "64KiB". */
  long size(String key, long fallback, String min, String max) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    OptionalLong parsed =
        value.isTextual() ? Quantities.size(value.textValue()) : OptionalLong.empty();
    if (parsed.isEmpty()
        || parsed.getAsLong() < Quantities.requireSize(min)
        || parsed.getAsLong() > Quantities.requireSize(max)) {
      throw fail(
          key,
          "must be a size (B, KiB, MiB, GiB) between "
              + min
              + " and "
              + max
              + ", was "
              + shown(value));
    }
    return parsed.getAsLong();
  }

  /** One of a few words, exactly as listed. */
  String choice(String key, String fallback, List<String> allowed) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isTextual() || !allowed.contains(value.textValue())) {
      throw fail(key, "must be one of " + String.join(", ", allowed) + ", was " + shown(value));
    }
    return value.textValue();
  }

  /** A value as shown in messages: its text, {@code ''} for empty text, or the kind of node. */
  static String shown(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue().isEmpty() ? "''" : value.textValue();
    }
    if (value.isContainerNode()) {
      if (value.isEmpty()) {
        return value.isArray() ? "an empty list" : "an empty mapping";
      }
      return value.isArray() ? "a list" : "a mapping";
    }
    return value.asText();
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }
}
