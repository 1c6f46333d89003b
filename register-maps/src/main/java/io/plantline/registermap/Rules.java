package io.plantline.registermap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation rules of a register map, shared by the records (which throw {@link
 * IllegalArgumentException}) and the YAML reader (which throws {@link RegisterMapException} with a
 * key path). Each check returns the problem, or empty when the value is fine.
 */
final class Rules {

  static final String DEFAULT_POLL_CLASS = "normal";
  static final int MAX_UNIT_ID = 255;
  static final int MAX_STRING_LENGTH = 246;
  static final Duration MIN_POLL_PERIOD = Duration.ofMillis(10);
  static final Duration MAX_POLL_PERIOD = Duration.ofHours(1);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern DEVICE_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  /** A problem with one point of a list, for the key path {@code points[index].field}. */
  record Issue(int index, String field, String problem) {}

  private Rules() {}

  static void require(Optional<String> problem, String subject) {
    if (problem.isPresent()) {
      throw new IllegalArgumentException(subject + ": " + problem.get());
    }
  }

  static Optional<String> deviceType(String value) {
    return DEVICE_TYPE.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "'"
                + value
                + "' is not a device type: use a lower-case letter, then up to 63 lower-case"
                + " letters, digits or '-' (e.g. motor-spindle)");
  }

  static Optional<String> version(String value) {
    return SEMVER.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("'" + value + "' is not a semantic version such as 1.2.0");
  }

  static Optional<String> unitId(int value) {
    return value >= 0 && value <= MAX_UNIT_ID
        ? Optional.empty()
        : Optional.of("unit id " + value + " is outside 0.." + MAX_UNIT_ID);
  }

  static Optional<String> name(String kind, String value) {
    return NAME.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("'" + value + "' is not a valid " + kind + " name ([a-z][a-z0-9_]{0,63})");
  }

  static Optional<String> pollPeriod(Duration period, String shown) {
    return period.compareTo(MIN_POLL_PERIOD) >= 0 && period.compareTo(MAX_POLL_PERIOD) <= 0
        ? Optional.empty()
        : Optional.of("poll period " + shown + " is outside 10ms..1h");
  }

  static Optional<String> placement(DataType type, RegisterAddress address) {
    boolean bitTable = address.table().isBit();
    if ((type == DataType.BOOL) == bitTable) {
      return Optional.empty();
    }
    String needed = bitTable ? "an input-register or holding-register" : "a coil or discrete-input";
    return Optional.of("type " + type.yamlName() + " needs " + needed + " address, not " + address);
  }

  static Optional<String> access(Access access, RegisterAddress address) {
    return access == Access.READ || address.table().isWritable()
        ? Optional.empty()
        : Optional.of("read_write needs a coil or holding-register address, not " + address);
  }

  static Optional<String> stringLength(DataType type, int length) {
    if (type != DataType.STRING) {
      return length == 0
          ? Optional.empty()
          : Optional.of("stringLength applies only to string points, not " + type.yamlName());
    }
    return length >= 1 && length <= MAX_STRING_LENGTH
        ? Optional.empty()
        : Optional.of("stringLength " + length + " is outside 1.." + MAX_STRING_LENGTH);
  }

  static Optional<String> scale(DataType type, double scale) {
    if (!type.isScalable()) {
      return scale == 1.0 ? Optional.empty() : notScalable(type, "scale");
    }
    return Double.isFinite(scale) && scale != 0.0
        ? Optional.empty()
        : Optional.of("scale must be finite and non-zero, not " + scale);
  }

  static Optional<String> offset(DataType type, double offset) {
    if (!type.isScalable()) {
      return offset == 0.0 ? Optional.empty() : notScalable(type, "offset");
    }
    return Double.isFinite(offset)
        ? Optional.empty()
        : Optional.of("offset must be finite, not " + offset);
  }

  static Optional<String> writeLimits(DataType type, Access access, double min, double max) {
    boolean limited = min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
    if (!limited) {
      return Optional.empty();
    }
    if (access != Access.READ_WRITE) {
      return Optional.of("min and max limit writes: they apply only to read_write points");
    }
    if (type == DataType.BOOL || type == DataType.STRING) {
      return Optional.of("min and max do not apply to " + type.yamlName() + " points");
    }
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      return Optional.of("min " + min + " must not be above max " + max);
    }
    return Optional.empty();
  }

  static Optional<String> notScalable(DataType type, String key) {
    return Optional.of(key + " does not apply to " + type.yamlName() + " points");
  }

  static Optional<String> extent(RegisterAddress address, int count) {
    return address.offset() + count - 1 <= RegisterAddress.MAX_OFFSET
        ? Optional.empty()
        : Optional.of(
            span(address, count)
                + " runs past the end of the table (last offset "
                + RegisterAddress.MAX_OFFSET
                + ")");
  }

  static Optional<String> pollClass(String pollClass, Set<String> pollClasses) {
    return pollClasses.contains(pollClass)
        ? Optional.empty()
        : Optional.of(
            "unknown poll class '"
                + pollClass
                + "'; the map defines "
                + String.join(", ", pollClasses));
  }

  /** The registers a value occupies, e.g. {@code hr:0-1}, or {@code hr:0} for a single one. */
  static String span(RegisterAddress address, int count) {
    return count <= 1 ? address.toString() : address + "-" + (address.offset() + count - 1);
  }

  static String span(PointDefinition point) {
    return span(point.address(), point.registerCount());
  }

  /** The first duplicate name, unknown poll class or overlap among points, in that order. */
  static Optional<Issue> pointSet(List<PointDefinition> points, Set<String> pollClasses) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < points.size(); i++) {
      Integer first = seen.putIfAbsent(points.get(i).name(), i);
      if (first != null) {
        return Optional.of(
            new Issue(
                i,
                "name",
                "duplicate point name '" + points.get(i).name() + "' (see points[" + first + "])"));
      }
    }
    for (int i = 0; i < points.size(); i++) {
      Optional<String> problem = pollClass(points.get(i).pollClass(), pollClasses);
      if (problem.isPresent()) {
        return Optional.of(new Issue(i, "pollClass", problem.get()));
      }
    }
    return overlap(points);
  }

  /**
   * Finds an overlap in O(n log n): sorted by table and offset, a point overlaps when it starts
   * before the furthest end seen so far in its table. Reported on the later point of the file.
   */
  static Optional<Issue> overlap(List<PointDefinition> points) {
    List<Integer> sorted = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      sorted.add(i);
    }
    sorted.sort(
        Comparator.comparing((Integer i) -> points.get(i).address().table())
            .thenComparingInt(i -> points.get(i).address().offset())
            .thenComparingInt(i -> i));
    int reach = -1;
    for (int index : sorted) {
      PointDefinition point = points.get(index);
      if (reach >= 0 && point.overlaps(points.get(reach))) {
        int later = Math.max(index, reach);
        PointDefinition earlier = points.get(Math.min(index, reach));
        String problem =
            span(points.get(later))
                + " overlaps point '"
                + earlier.name()
                + "' at "
                + span(earlier);
        return Optional.of(new Issue(later, "address", problem));
      }
      if (reach < 0
          || !sameTable(point, points.get(reach))
          || end(point) > end(points.get(reach))) {
        reach = index;
      }
    }
    return Optional.empty();
  }

  private static boolean sameTable(PointDefinition a, PointDefinition b) {
    return a.address().table() == b.address().table();
  }

  private static int end(PointDefinition point) {
    return point.address().offset() + point.registerCount();
  }
}
