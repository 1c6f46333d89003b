package io.plantline.registermap;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The register map of one device type: its Modbus unit id, its poll classes and its points.
 * Immutable; the constructor enforces every rule across points (unique names, known poll classes,
 * no overlaps) and throws {@link IllegalArgumentException}. Read maps with {@link RegisterMaps}.
 *
 * @param deviceType lower-case kebab name, e.g. {@code motor-spindle}
 * @param version semantic version of the map, e.g. {@code 1.0.0}
 * @param unitId Modbus unit (slave) id, 0..255
 * @param pollClasses poll class name to period (10ms..1h), in file order
 * @param points at least one, in file order
 */
public record RegisterMap(
    String deviceType,
    String version,
    int unitId,
    Map<String, Duration> pollClasses,
    List<PointDefinition> points) {

  /** Validates the map and copies the collections. */
  public RegisterMap {
    Objects.requireNonNull(deviceType, "deviceType");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(pollClasses, "pollClasses");
    Objects.requireNonNull(points, "points");
    Rules.require(Rules.deviceType(deviceType), "deviceType");
    Rules.require(Rules.version(version), "version");
    Rules.require(Rules.unitId(unitId), "unitId");
    pollClasses = Collections.unmodifiableMap(new LinkedHashMap<>(pollClasses));
    points = List.copyOf(points);
    if (pollClasses.isEmpty()) {
      throw new IllegalArgumentException("pollClasses: at least one poll class is needed");
    }
    pollClasses.forEach(RegisterMap::requirePollClass);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("points: at least one point is needed");
    }
    Rules.pointSet(points, pollClasses.keySet())
        .ifPresent(
            issue -> {
              throw new IllegalArgumentException(
                  "points[" + issue.index() + "]." + issue.field() + ": " + issue.problem());
            });
  }

  private static void requirePollClass(String name, Duration period) {
    Objects.requireNonNull(name, "poll class name");
    Objects.requireNonNull(period, "poll class " + name);
    Rules.require(Rules.name("poll class", name), "pollClasses");
    Rules.require(Rules.pollPeriod(period, period.toString()), "pollClasses." + name);
  }

  /** The point with this name, if the map has one. */
  public Optional<PointDefinition> point(String name) {
    return points.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The points of one table, sorted by offset. */
  public List<PointDefinition> points(RegisterTable table) {
    return points.stream()
        .filter(p -> p.address().table() == table)
        .sorted(Comparator.comparingInt(p -> p.address().offset()))
        .toList();
  }
}
