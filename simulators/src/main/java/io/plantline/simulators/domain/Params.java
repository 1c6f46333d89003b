package io.plantline.simulators.domain;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed, validated access to a device's plant-file parameters (Number, Boolean or String values).
 * It remembers which names the model asked for, so {@link #rejectUnknown()} can name a misspelt
 * parameter together with the accepted ones.
 */
final class Params {

  private final String type;
  private final Map<String, Object> values;
  private final Set<String> known = new LinkedHashSet<>();

  Params(String type, Map<String, Object> values) {
    this.type = type;
    this.values = values == null ? Map.of() : values;
  }

  /** A number within {@code [min, max]}, or {@code fallback} when absent. */
  double number(String name, double fallback, double min, double max) {
    known.add(name);
    Object raw = values.get(name);
    if (raw == null) {
      requireAbsent(name);
      return fallback;
    }
    double value = parseNumber(name, raw, min, max);
    if (!(value >= min && value <= max)) {
      throw outOfRange(name, raw, min, max);
    }
    return value;
  }

  /** A boolean ({@code true}/{@code false}, or 1/0), or {@code fallback} when absent. */
  boolean flag(String name, boolean fallback) {
    known.add(name);
    Object raw = values.get(name);
    if (raw == null) {
      requireAbsent(name);
      return fallback;
    }
    String text = raw.toString().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "1", "1.0" -> true;
      case "false", "0", "0.0" -> false;
      default -> throw invalid(name, raw, "true or false");
    };
  }

  /** A required, non-blank string. */
  String text(String name, String meaning) {
    known.add(name);
    Object raw = values.get(name);
    if (raw == null || raw.toString().isBlank()) {
      throw new IllegalArgumentException(type + " parameter " + name + " is required: " + meaning);
    }
    return raw.toString().trim();
  }

  /** Throws for a cross-parameter constraint. */
  IllegalArgumentException invalid(String name, Object raw, String accepted) {
    return new IllegalArgumentException(
        type + " parameter " + name + " = " + raw + " is invalid; accepted: " + accepted);
  }

  /** Throws when the map holds a parameter the model never asked for. */
  void rejectUnknown() {
    for (Object name : values.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            type
                + " has no parameter '"
                + name
                + "'; accepted parameters: "
                + String.join(", ", known));
      }
    }
  }

  private void requireAbsent(String name) {
    if (values.containsKey(name)) {
      throw new IllegalArgumentException(type + " parameter " + name + " has no value");
    }
  }

  private double parseNumber(String name, Object raw, double min, double max) {
    if (raw instanceof Number number) {
      return number.doubleValue();
    }
    if (raw instanceof String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw outOfRange(name, raw, min, max);
      }
    }
    throw outOfRange(name, raw, min, max);
  }

  private IllegalArgumentException outOfRange(String name, Object raw, double min, double max) {
    return invalid(name, raw, "a number in [" + plain(min) + ", " + plain(max) + "]");
  }

  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
