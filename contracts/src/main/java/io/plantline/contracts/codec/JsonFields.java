package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Typed, strict access to the fields of one JSON object. Values are never coerced: a number in a
 * string, a fraction where an integer is due, or a non-finite number is a violation naming the
 * field. Violations are relative to this object; {@link #build} places them under the object's path
 * and rejects fields that were never read.
 */
final class JsonFields {

  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
  private static final Set<String> NON_FINITE_WORDS = Set.of("nan", "infinity", "inf");

  private final ObjectNode node;
  private final String path;
  private final Set<String> read = new HashSet<>();

  /**
   * @param node the object
   * @param path the object's path relative to its parent, empty for the payload's root
   */
  JsonFields(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * Runs {@code constructor}, which reads fields and builds a value, then rejects unread fields.
   * Violations from either are placed under this object's path.
   */
  <T> T build(Supplier<T> constructor) {
    try {
      T value = constructor.get();
      rejectUnreadFields();
      return value;
    } catch (ContractViolationException e) {
      throw e.under(path);
    }
  }

  /** Reads {@code schemaVersion} and rejects versions outside {@code supported}. */
  int schemaVersion(Set<Integer> supported) {
    return Checks.schemaVersion(integer("schemaVersion"), supported);
  }

  String string(String name) {
    return text(name, required(name));
  }

  /** A string that may be absent or null; returns null then. */
  String optionalString(String name) {
    JsonNode value = optional(name);
    return value == null ? null : text(name, value);
  }

  int integer(String name) {
    JsonNode value = integral(name);
    if (!value.canConvertToInt()) {
      throw new ContractViolationException(name, "out of range");
    }
    return value.intValue();
  }

  long longInteger(String name) {
    JsonNode value = integral(name);
    if (!value.canConvertToLong()) {
      throw new ContractViolationException(name, "out of range");
    }
    return value.longValue();
  }

  double number(String name) {
    return finite(name, required(name));
  }

  Instant instant(String name) {
    String text = string(name);
    Instant fast = WireInstants.parse(text);
    if (fast != null) {
      return fast;
    }
    if (!isWireInstant(text)) {
      throw new ContractViolationException(
          name, "expected ISO-8601 UTC instant like 2026-11-25T10:15:30.123Z");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ContractViolationException(name, "invalid instant " + text, e);
    }
  }

  UUID uuid(String name) {
    String text = string(name);
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new ContractViolationException(name, "expected UUID in 8-4-4-4-12 hex form");
    }
    return UUID.fromString(text);
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String text = string(name);
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
      names.add(constant.name());
    }
    throw new ContractViolationException(
        name, "unknown value '" + text + "' (expected one of " + String.join(", ", names) + ")");
  }

  /** An array of objects, each read through its own {@code JsonFields} at {@code name[i]}. */
  List<JsonFields> objects(String name) {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw typeMismatch(name, "array", value);
    }
    List<JsonFields> result = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      String elementPath = name + "[" + i + "]";
      JsonNode element = value.get(i);
      if (!element.isObject()) {
        throw typeMismatch(elementPath, "object", element);
      }
      result.add(new JsonFields((ObjectNode) element, elementPath));
    }
    return result;
  }

  /** An object whose values are all finite numbers, in document order. */
  Map<String, Double> numberMap(String name) {
    JsonNode value = required(name);
    if (!value.isObject()) {
      throw typeMismatch(name, "object", value);
    }
    Map<String, Double> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String entryPath = name + "." + entry.getKey();
      if (entry.getValue().isNull()) {
        throw new ContractViolationException(entryPath, "null");
      }
      result.put(entry.getKey(), finite(entryPath, entry.getValue()));
    }
    return result;
  }

  /** An array of integers that fit a {@code long}; elements are named {@code name[i]}. */
  List<Long> longIntegers(String name) {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw typeMismatch(name, "array", value);
    }
    List<Long> result = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      String elementPath = name + "[" + i + "]";
      JsonNode element = value.get(i);
      if (!element.isIntegralNumber()) {
        throw typeMismatch(elementPath, "integer", element);
      }
      if (!element.canConvertToLong()) {
        throw new ContractViolationException(elementPath, "out of range");
      }
      result.add(element.longValue());
    }
    return result;
  }

  /**
   * The evidence of an opening work-order payload: a {@link #numberMap} from schema version 2 on;
   * version 1 has no such field (so one present there is rejected as unknown).
   */
  Map<String, Double> evidence(int schemaVersion) {
    return schemaVersion >= 2 ? numberMap("evidence") : Map.of();
  }

  /** Whether {@code text} has the one instant form on the wire, ISO-8601 UTC. */
  static boolean isWireInstant(String text) {
    return INSTANT.matcher(text).matches();
  }

  static String typeOf(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private JsonNode required(String name) {
    read.add(name);
    JsonNode value = node.get(name);
    if (value == null) {
      throw new ContractViolationException(name, "missing");
    }
    if (value.isNull()) {
      throw new ContractViolationException(name, "null");
    }
    return value;
  }

  private JsonNode optional(String name) {
    read.add(name);
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private JsonNode integral(String name) {
    JsonNode value = required(name);
    if (!value.isIntegralNumber()) {
      throw typeMismatch(name, "integer", value);
    }
    return value;
  }

  private static String text(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw typeMismatch(name, "string", value);
    }
    return value.textValue();
  }

  private static double finite(String name, JsonNode value) {
    if (value.isTextual() && isNonFiniteWord(value.textValue())) {
      throw new ContractViolationException(name, "not finite");
    }
    if (!value.isNumber()) {
      throw typeMismatch(name, "number", value);
    }
    double number = value.doubleValue();
    if (!Double.isFinite(number)) {
      throw new ContractViolationException(name, "not finite");
    }
    return number;
  }

  private static boolean isNonFiniteWord(String text) {
    String word = text.strip();
    if (word.startsWith("+") || word.startsWith("-")) {
      word = word.substring(1);
    }
    return NON_FINITE_WORDS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static ContractViolationException typeMismatch(
      String name, String expected, JsonNode value) {
    String got = value.isNumber() ? value.asText() : typeOf(value);
    return new ContractViolationException(name, "expected " + expected + ", got " + got);
  }

  private void rejectUnreadFields() {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!read.contains(entry.getKey())) {
        throw new ContractViolationException(entry.getKey(), "unknown field");
      }
    }
  }
}
