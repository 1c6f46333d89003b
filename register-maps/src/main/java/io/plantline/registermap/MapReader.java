package io.plantline.registermap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and validates a register map from its YAML tree, failing with the key path. */
final class MapReader {

  private static final List<String> KEYS =
      List.of("deviceType", "version", "unitId", "defaultOrder", "pollClasses", "points");

  private MapReader() {}

  static RegisterMap read(String source, JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new RegisterMapException(source, "$", "the document is empty");
    }
    YamlMapping map = YamlMapping.of(source, "", root, KEYS);
    String deviceType = map.requiredText("deviceType");
    check(map, "deviceType", Rules.deviceType(deviceType));
    JsonNode versionNode = map.get("version");
    String version =
        versionNode != null && versionNode.isNumber()
            ? versionNode.asText()
            : map.requiredText("version");
    check(map, "version", Rules.version(version));
    int unitId =
        map.integer("unitId").orElseThrow(() -> map.fail("unitId", "missing required key"));
    check(map, "unitId", Rules.unitId(unitId));
    ByteWordOrder defaultOrder =
        map.choice("defaultOrder", ByteWordOrder.class).orElse(ByteWordOrder.ABCD);
    Map<String, Duration> pollClasses = pollClasses(map);
    List<PointDefinition> points = points(map, defaultOrder, pollClasses);
    Rules.pointSet(points, pollClasses.keySet())
        .ifPresent(
            issue -> {
              throw new RegisterMapException(
                  source, "points[" + issue.index() + "]." + issue.field(), issue.problem());
            });
    try {
      return new RegisterMap(deviceType, version, unitId, pollClasses, points);
    } catch (IllegalArgumentException e) {
      throw new RegisterMapException(source, "$", e.getMessage(), e);
    }
  }

  static void check(YamlMapping mapping, String key, Optional<String> problem) {
    if (problem.isPresent()) {
      throw mapping.fail(key, problem.get());
    }
  }

  private static Map<String, Duration> pollClasses(YamlMapping map) {
    JsonNode node = map.get("pollClasses");
    if (node == null) {
      return PollPeriods.DEFAULTS;
    }
    if (!node.isObject() || node.isEmpty()) {
      throw map.fail(
          "pollClasses", "must map at least one class name to a period, e.g. {fast: 250ms}");
    }
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    YamlMapping classes = YamlMapping.of(map.source(), "pollClasses", node, names);
    Map<String, Duration> periods = new LinkedHashMap<>();
    for (String name : names) {
      check(classes, name, Rules.name("poll class", name));
      if (classes.get(name).isNumber()) {
        throw classes.fail(name, "a bare number has no unit; write e.g. 250ms, 1s or PT0.25S");
      }
      String text = classes.requiredText(name);
      Duration period;
      try {
        period = PollPeriods.parse(text);
      } catch (IllegalArgumentException e) {
        throw classes.fail(name, e.getMessage());
      }
      check(classes, name, Rules.pollPeriod(period, text));
      periods.put(name, period);
    }
    return periods;
  }

  private static List<PointDefinition> points(
      YamlMapping map, ByteWordOrder defaultOrder, Map<String, Duration> pollClasses) {
    JsonNode node = map.get("points");
    if (node == null) {
      throw map.fail("points", "missing required key");
    }
    if (!node.isArray()) {
      throw map.fail("points", "must be a list of points, not " + YamlMapping.describe(node));
    }
    if (node.isEmpty()) {
      throw map.fail("points", "must hold at least one point");
    }
    List<PointDefinition> points = new ArrayList<>();
    Iterator<JsonNode> elements = node.elements();
    for (int i = 0; elements.hasNext(); i++) {
      YamlMapping point =
          YamlMapping.of(map.source(), "points[" + i + "]", elements.next(), PointReader.KEYS);
      points.add(PointReader.read(point, defaultOrder, pollClasses.keySet()));
    }
    return points;
  }
}
