package io.plantline.gateway.app.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 250ms}, {@code 1s}, {@code 5m}, {@code 1h}) and sizes ({@code 8MiB}). */
final class Quantities {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})(B|KiB|MiB|GiB)");
  private static final long KIB = 1024;

  private Quantities() {}

  /** A duration written as a whole number of ms, s, m or h; empty for anything else. */
  static Optional<Duration> duration(String text) {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
  }

  /** Like {@link #duration(String)}, for texts known to be valid (bounds in the code). */
  static Duration requireDuration(String text) {
    return duration(text).orElseThrow(() -> new IllegalArgumentException("duration " + text));
  }

  /** A size written as a whole number of B, KiB, MiB or GiB; empty for anything else. */
  static OptionalLong size(String text) {
    Matcher matcher = SIZE.matcher(text);
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    long unit =
        switch (matcher.group(2)) {
          case "B" -> 1;
          case "KiB" -> KIB;
          case "MiB" -> KIB * KIB;
          default -> KIB * KIB * KIB;
        };
    try {
      return OptionalLong.of(Math.multiplyExact(Long.parseLong(matcher.group(1)), unit));
    } catch (ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  /** Like {@link #size(String)}, for texts known to be valid (bounds in the code). */
  static long requireSize(String text) {
    return size(text).orElseThrow(() -> new IllegalArgumentException("size " + text));
  }

  /** A size in the largest unit that divides it: {@code 16MiB}, {@code 1536KiB}, {@code 7B}. */
  static String formatSize(long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    long[] factors = {KIB * KIB * KIB, KIB * KIB, KIB};
    for (int i = 0; i < units.length; i++) {
      if (bytes != 0 && bytes % factors[i] == 0) {
        return bytes / factors[i] + units[i];
      }
    }
    return bytes + "B";
  }
}
