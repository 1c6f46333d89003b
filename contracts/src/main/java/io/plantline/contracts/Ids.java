package io.plantline.contracts;

/**
 * The one rule for identifiers: site, area, device, alarm, rule, work order and metric names.
 *
 * <p>An id is 1 to 64 characters from {@code [A-Za-z0-9._-]} and starts with a letter or digit.
 * That keeps ids safe as MQTT topic segments (no {@code / + #}), Kafka keys, Cassandra partition
 * keys and time-series tags, without escaping anywhere.
 */
public final class Ids {

  /** Longest accepted id. */
  public static final int MAX_LENGTH = 64;

  private Ids() {}

  /** Whether {@code value} is a valid id. */
  public static boolean isValid(String value) {
    return value != null && matches(value);
  }

  /**
   * Returns {@code value} if it is a valid id.
   *
   * @throws ContractViolationException naming {@code field} with the first rule broken
   */
  public static String require(String field, String value) {
    if (value == null) {
      throw new ContractViolationException(field, "missing");
    }
    if (matches(value)) {
      return value;
    }
    throw new ContractViolationException(field, explain(value));
  }

  /**
   * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}} checked by hand: ids are checked once per reading, and
   * a regex matcher per check showed in decoding profiles.
   */
  private static boolean matches(String value) {
    int n = value.length();
    if (n == 0 || n > MAX_LENGTH) {
      return false;
    }
    char first = value.charAt(0);
    if (first == '.' || first == '_' || first == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isIdChar(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String explain(String value) {
    if (value.isEmpty()) {
      return "empty";
    }
    if (value.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isIdChar(c)) {
        return "illegal character " + describe(c) + " (allowed: A-Z a-z 0-9 . _ -)";
      }
    }
    return "must start with a letter or digit";
  }

  private static boolean isIdChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  private static String describe(char c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }
}
