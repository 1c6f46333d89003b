package io.plantline.registermap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One YAML mapping being read, with typed accessors that fail with the key path: {@code
 * deviceType}, {@code pollClasses.fast}, {@code points[3].address}.
 */
final class YamlMapping {

  private final String source;
  private final String path;
  private final JsonNode node;

  private YamlMapping(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  /**
   * The mapping at {@code path} ("" for the root), checked to be a mapping with only known keys.
   */
  static YamlMapping of(String source, String path, JsonNode node, List<String> keys) {
    YamlMapping mapping = new YamlMapping(source, path, node);
    if (!node.isObject()) {
      throw mapping.failHere("must be a mapping of keys to values, not " + describe(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        throw mapping.fail(name, "unknown key; expected one of " + String.join(", ", keys));
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

  RegisterMapException fail(String key, String problem) {
    return new RegisterMapException(source, path(key), problem);
  }

  RegisterMapException failHere(String problem) {
    return new RegisterMapException(source, path.isEmpty() ? "$" : path, problem);
  }

  boolean has(String key) {
    return node.has(key);
  }

  /** The raw child node, or null when the key is absent. */
  JsonNode get(String key) {
    return node.get(key);
  }

  Optional<String> text(String key) {
    JsonNode value = present(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw fail(key, "must be a string, not " + describe(value));
    }
    return Optional.of(value.textValue());
  }

  String requiredText(String key) {
    return text(key).orElseThrow(() -> fail(key, "missing required key"));
  }

  Optional<Integer> integer(String key) {
    JsonNode value = present(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw fail(key, "must be a whole number, not " + describe(value));
    }
    return Optional.of(value.intValue());
  }

  Optional<Double> number(String key) {
    JsonNode value = present(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      throw fail(key, "must be a number, not " + describe(value));
    }
    return Optional.of(value.doubleValue());
  }

  /** An enum constant by its name, case-insensitively (e.g. {@code float32}, {@code CDAB}). */
  <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.get())) {
        return Optional.of(constant);
      }
    }
    String expected =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    throw fail(key, "unknown value '" + text.get() + "'; expected one of " + expected);
  }

  private JsonNode present(String key) {
    JsonNode value = node.get(key);
    if (value != null && value.isNull()) {
      throw fail(key, "has no value");
    }
    return value;
  }

  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "'" + value.textValue() + "'";
    }
    if (value.isContainerNode()) {
      return value.isArray() ? "a list" : "a mapping";
    }
    return value.toString();
  }
}
