package io.plantline.registermap;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Poll-class periods: {@code 250ms}, {@code 1s}, {@code 1m}, {@code 1h} or ISO-8601 {@code
 * PT0.25S}.
 */
final class PollPeriods {

  /** The poll classes of a map that defines none. */
  static final Map<String, Duration> DEFAULTS = defaults();

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private PollPeriods() {}

  /**
   * Parses a period.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static Duration parse(String text) {
    Matcher matcher = SHORT.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a period; use e.g. 250ms, 1s, 1m, 1h or ISO-8601 PT0.25S");
  }

  private static Map<String, Duration> defaults() {
    Map<String, Duration> defaults = new LinkedHashMap<>();
    defaults.put("fast", Duration.ofMillis(250));
    defaults.put("normal", Duration.ofSeconds(1));
    defaults.put("slow", Duration.ofSeconds(10));
    return Collections.unmodifiableMap(defaults);
  }
}
