package io.plantline.contracts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validation helpers shared by the event records. Every failure is a {@link
 * ContractViolationException} that names the field, so records and codecs report alike.
 */
public final class Checks {

  /** Longest accepted free text (messages, reasons, notes). */
  public static final int MAX_TEXT_LENGTH = 2048;

  /** Longest accepted unit of measure. */
  public static final int MAX_UNIT_LENGTH = 32;

  private Checks() {}

  /** Returns {@code value}, or fails with reason {@code missing} if it is null. */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new ContractViolationException(field, "missing");
    }
    return value;
  }

  /** Returns {@code value} if it is neither NaN nor infinite. */
  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new ContractViolationException(field, "not finite");
    }
    return value;
  }

  /** Returns {@code value} if it is zero or more. */
  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new ContractViolationException(field, "negative");
    }
    return value;
  }

  /** Returns {@code version} if it is one of {@code supported}. */
  public static int schemaVersion(int version, Set<Integer> supported) {
    if (!supported.contains(version)) {
      throw new ContractViolationException("schemaVersion", "unknown schemaVersion " + version);
    }
    return version;
  }

  /**
   * Returns {@code value} if it is non-blank free text of at most {@link #MAX_TEXT_LENGTH}
   * characters without control characters other than tab and line feed.
   */
  public static String text(String field, String value) {
    return checkText(field, present(field, value), MAX_TEXT_LENGTH, true);
  }

  /** Like {@link #text} but {@code null} is accepted and returned. */
  public static String optionalText(String field, String value) {
    return value == null ? null : checkText(field, value, MAX_TEXT_LENGTH, true);
  }

  /**
   * Returns {@code value} if it is a non-blank unit of measure of at most {@link #MAX_UNIT_LENGTH}
   * characters without control characters, for example {@code °C}, {@code kWh} or {@code 1} for a
   * dimensionless value.
   */
  public static String unit(String field, String value) {
    return checkText(field, present(field, value), MAX_UNIT_LENGTH, false);
  }

  /** Returns an unmodifiable copy of {@code values}, rejecting a null list or null element. */
  public static <T> List<T> listCopy(String field, List<T> values) {
    present(field, values);
    for (int i = 0; i < values.size(); i++) {
      present(field + "[" + i + "]", values.get(i));
    }
    return List.copyOf(values);
  }

  /**
   * Returns an unmodifiable copy of {@code figures}, sorted by key, whose keys are {@link Ids ids}
   * and whose values are finite numbers: the evidence an alarm or a work order carries, for example
   * {@code temperature.max}. Failures name the entry as {@code field.key}.
   */
  public static Map<String, Double> figures(String field, Map<String, Double> figures) {
    present(field, figures);
    TreeMap<String, Double> copy = new TreeMap<>();
    for (Map.Entry<String, Double> entry : figures.entrySet()) {
      String key = Ids.require(field, entry.getKey());
      String entryField = field + "." + key;
      finite(entryField, present(entryField, entry.getValue()));
      copy.put(key, entry.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  private static String checkText(String field, String value, int maxLength, boolean multiline) {
    if (value.isBlank()) {
      throw new ContractViolationException(field, "blank");
    }
    if (value.length() > maxLength) {
      throw new ContractViolationException(field, "longer than " + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowedWhitespace = multiline && (c == '\n' || c == '\t');
      if (Character.isISOControl(c) && !allowedWhitespace) {
        throw new ContractViolationException(
            field, String.format("contains control character U+%04X", (int) c));
      }
    }
    return value;
  }
}
