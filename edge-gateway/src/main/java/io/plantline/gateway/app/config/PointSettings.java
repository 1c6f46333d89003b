package io.plantline.gateway.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantline.registermap.DataType;
import io.plantline.registermap.PointDefinition;
import io.plantline.registermap.RegisterMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A device's per-point edge filtering: report-by-exception deadbands and the spike filter. Point
 * names must exist in the device's register map, so a typo fails at start-up instead of silently
 * doing nothing.
 *
 * @param defaultDeadband the deadband of points without their own
 * @param deadbands per-point deadbands
 * @param spikeFilterType {@code none}, {@code median3} or {@code hampel}
 * @param halfWindow the Hampel half window
 * @param nSigmas the Hampel threshold
 * @param spikeFilterPoints the points the spike filter applies to
 */
record PointSettings(
    double defaultDeadband,
    Map<String, Double> deadbands,
    String spikeFilterType,
    int halfWindow,
    double nSigmas,
    Set<String> spikeFilterPoints) {

  /** The accepted spike filter types. */
  static final List<String> SPIKE_FILTER_TYPES = List.of("none", "median3", "hampel");

  private static final List<String> DEADBAND_KEYS = List.of("default", "points");
  private static final List<String> SPIKE_FILTER_KEYS =
      List.of("type", "halfWindow", "nSigmas", "points");
  private static final int DEFAULT_HALF_WINDOW = 3;
  private static final double DEFAULT_SIGMAS = 3.0;

  /** Reads {@code deadband} and {@code spikeFilter} of a device. */
  static PointSettings read(ConfigNode device, RegisterMap map, double fallbackDeadband) {
    Map<String, Double> deadbands = new LinkedHashMap<>();
    double defaultDeadband = readDeadbands(device, map, fallbackDeadband, deadbands);
    Optional<ConfigNode> spike = device.optionalChild("spikeFilter", SPIKE_FILTER_KEYS);
    if (spike.isEmpty()) {
      return new PointSettings(
          defaultDeadband, deadbands, "none", DEFAULT_HALF_WINDOW, DEFAULT_SIGMAS, Set.of());
    }
    ConfigNode filter = spike.get();
    String type = filter.choice("type", null, SPIKE_FILTER_TYPES);
    if (type == null) {
      throw filter.fail("type", "missing required key");
    }
    boolean hampel = type.equals("hampel");
    for (String key : List.of("halfWindow", "nSigmas")) {
      if (!hampel && filter.has(key)) {
        throw filter.fail(key, "only used with type: hampel");
      }
    }
    return new PointSettings(
        defaultDeadband,
        deadbands,
        type,
        filter.integer("halfWindow", DEFAULT_HALF_WINDOW, 1, 50),
        filter.number("nSigmas", DEFAULT_SIGMAS, 0.5, 100),
        filterPoints(filter, type, map));
  }

  /**
   * Reads {@code deadband}: a number (the default of every point) or {@code {default, points}}.
   * Fills {@code deadbands} and returns the default.
   */
  private static double readDeadbands(
      ConfigNode device, RegisterMap map, double fallback, Map<String, Double> deadbands) {
    JsonNode deadband = device.value("deadband");
    if (deadband == null) {
      return fallback;
    }
    if (deadband.isNumber()) {
      return device.number("deadband", fallback, 0);
    }
    ConfigNode node = device.child("deadband", DEADBAND_KEYS);
    node.optionalNamedChild("points")
        .ifPresent(
            points -> {
              for (String name : points.keys()) {
                if (map.point(name).isEmpty()) {
                  throw points.fail(name, unknownPoint(name, map));
                }
                deadbands.put(name, points.number(name, 0, 0));
              }
            });
    return node.number("default", fallback, 0);
  }

  private static Set<String> filterPoints(ConfigNode filter, String type, RegisterMap map) {
    if (type.equals("none")) {
      if (filter.has("points")) {
        throw filter.fail("points", "only used with type: median3 or hampel");
      }
      return Set.of();
    }
    List<String> names = filter.textList("points");
    Set<String> points = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String key = "points[" + i + "]";
      String name = names.get(i);
      Optional<PointDefinition> point = map.point(name);
      if (point.isEmpty()) {
        throw filter.fail(key, unknownPoint(name, map));
      }
      DataType pointType = point.get().type();
      if (pointType == DataType.BOOL || pointType == DataType.STRING) {
        throw filter.fail(key, "point '" + name + "' is not numeric, it is " + pointType);
      }
      if (!points.add(name)) {
        throw filter.fail(key, "point '" + name + "' is listed twice");
      }
    }
    return points;
  }

  /** The problem text for a point name the map does not have. */
  static String unknownPoint(String name, RegisterMap map) {
    return "unknown point '" + name + "' of register map '" + map.deviceType() + "'";
  }
}
