package io.plantline.gateway.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantline.registermap.Access;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write limits of one installed machine for one setpoint, narrower than (or equal to) those of
 * its device type in the register map: a spindle rated 12,000 rpm by its type may be installed on a
 * machine whose tooling allows 8,000. Written per device as {@code writeLimits: {point: {min,
 * max}}} in engineering units; either bound may be left out and then is the map's.
 *
 * @param min the smallest value a write may set on this machine
 * @param max the largest value a write may set on this machine
 */
public record WriteLimits(double min, double max) {

  private static final List<String> KEYS = List.of("min", "max");

  /** Why {@code value} may not be written to this machine's point, if it may not. */
  public Optional<String> violation(String point, double value) {
    if (value < min) {
      return Optional.of(point + " = " + value + " is below this machine's minimum " + min);
    }
    if (value > max) {
      return Optional.of(point + " = " + value + " is above this machine's maximum " + max);
    }
    return Optional.empty();
  }

  /**
   * Reads a device's {@code writeLimits}. Each point must be a writable number of the device's
   * register map, and each bound must lie within the map's own limits (an installation narrows what
   * the device type allows, it never widens it).
   */
  static Map<String, WriteLimits> read(ConfigNode device, RegisterMap map) {
    Map<String, WriteLimits> limits = new LinkedHashMap<>();
    Optional<ConfigNode> section = device.optionalNamedChild("writeLimits");
    if (section.isEmpty()) {
      return limits;
    }
    ConfigNode points = section.get();
    for (String name : points.keys()) {
      PointDefinition point =
          map.point(name)
              .orElseThrow(
                  () ->
                      points.fail(
                          name, "no such point in register map '" + map.deviceType() + "'"));
      if (point.access() != Access.READ_WRITE) {
        throw points.fail(name, "the point is read-only");
      }
      if (point.type() == DataType.BOOL || point.type() == DataType.STRING) {
        throw points.fail(name, "write limits apply to numeric points only, not " + point.type());
      }
      ConfigNode bounds = points.child(name, KEYS);
      if (!bounds.has("min") && !bounds.has("max")) {
        throw points.fail(name, "needs min, max or both");
      }
      double min = bound(bounds, "min", point);
      double max = bound(bounds, "max", point);
      if (min > max) {
        throw bounds.fail("min", "is above max (" + min + " > " + max + ")");
      }
      limits.put(name, new WriteLimits(min, max));
    }
    return limits;
  }

  private static double bound(ConfigNode bounds, String key, PointDefinition point) {
    double fallback = key.equals("min") ? point.writeMin() : point.writeMax();
    JsonNode value = bounds.value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw bounds.fail(key, "must be a finite number, was " + ConfigNode.shown(value));
    }
    double bound = value.doubleValue();
    if (bound < point.writeMin() || bound > point.writeMax()) {
      throw bounds.fail(
          key,
          bound
              + " lies outside the limits of register map point "
              + point.name()
              + " ["
              + point.writeMin()
              + ", "
              + point.writeMax()
              + "]; an installation may only narrow them");
    }
    return bound;
  }
}
