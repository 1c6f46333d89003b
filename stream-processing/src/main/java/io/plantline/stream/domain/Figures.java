package io.plantline.stream.domain;

import java.util.Locale;

/** Formatting of numbers and durations in alarm messages. */
public final class Figures {
  private Figures() {}

  /** A number with at most three decimals, without trailing zeros. */
  public static String number(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A duration in the rule file's notation: 500ms, 30s, 5m, 2h. */
  public static String duration(long ms) {
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
