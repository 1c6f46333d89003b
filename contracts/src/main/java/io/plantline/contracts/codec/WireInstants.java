package io.plantline.contracts.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A fast reader of the one instant form on the wire, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} in UTC.
 * Telemetry carries one or two instants per reading, and {@code Instant.parse} (a general formatter
 * behind a regex check) was the largest single cost of decoding a batch. This reader takes the
 * common case by hand and returns null for anything else, which the caller then checks the slow,
 * exact way, so errors are reported exactly as before.
 */
final class WireInstants {

  private static final int[] FRACTION_SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private WireInstants() {}

  /** The instant {@code text} names, or null if it is not in the wire form or not a valid time. */
  static Instant parse(String text) {
    int n = text.length();
    if (n < 20 || n > 30 || n == 21 || text.charAt(n - 1) != 'Z') {
      return null;
    }
    if (text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (text.charAt(19) != '.') {
        return null;
      }
      int fractionDigits = n - 21;
      int fraction = digits(text, 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction * FRACTION_SCALE[fractionDigits];
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
