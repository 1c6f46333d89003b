package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Argument checks and error messages shared by the device models. */
final class ModelSupport {

  private ModelSupport() {}

  /**
   * The length of a simulation step in seconds.
   *
   * @throws IllegalArgumentException when {@code dt} is zero or negative
   */
  static double seconds(Duration dt) {
    Objects.requireNonNull(dt, "dt");
    if (dt.isNegative() || dt.isZero()) {
      throw new IllegalArgumentException("dt must be > 0, was " + dt);
    }
    return dt.getSeconds() + dt.getNano() / 1e9;
  }

  /** An unmodifiable set keeping the given order. */
  static Set<String> pointSet(String... names) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }

  static IllegalArgumentException unknownPoint(String type, String point, Set<String> points) {
    return new IllegalArgumentException(
        type + " has no point '" + point + "'; its points are " + String.join(", ", points));
  }

  /** The error for a write to {@code point}: unknown, or known but read-only. */
  static IllegalArgumentException notWritable(
      String type, String point, Set<String> points, Set<String> writable) {
    if (!points.contains(point)) {
      return unknownPoint(type, point, points);
    }
    String accepted =
        writable.isEmpty()
            ? "it has no writable points"
            : "writable: " + String.join(", ", writable);
    return new IllegalArgumentException(type + " point '" + point + "' is read-only; " + accepted);
  }

  static UnsupportedOperationException unsupported(String type, DeviceEvent event) {
    return new UnsupportedOperationException(
        type + " does not support " + event.getClass().getSimpleName());
  }

  /** A 0/1 command value as a boolean. */
  static boolean command(String type, String point, double value) {
    if (value == 1) {
      return true;
    }
    if (value == 0) {
      return false;
    }
    throw new IllegalArgumentException(
        type + " point '" + point + "' accepts 0 or 1, was " + value);
  }

  /** A setpoint within {@code [min, max]}. */
  static double setpoint(String type, String point, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          type + " point '" + point + "' accepts " + min + ".." + max + ", was " + value);
    }
    return value;
  }
}
