package io.plantline.gateway.app.config;

import io.plantline.registermap.RegisterMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code devices} list: each device's own keys over the file's defaults, its register
 * map, and the rules across devices (unique ids; one unit id per endpoint).
 */
final class DeviceReader {

  /** The keys of one device. */
  static final List<String> KEYS =
      List.of(
          "id",
          "area",
          "endpoint",
          "unitId",
          "registerMap",
          "pollClasses",
          "timeout",
          "retries",
          "maxGap",
          "quarantineAfter",
          "quarantineProbe",
          "maxSilence",
          "deadband",
          "spikeFilter",
          "writeLimits");

  private final DeviceDefaults defaults;
  private final RegisterMapResolver maps;

  DeviceReader(Path baseDir, DeviceDefaults defaults) {
    this.defaults = defaults;
    this.maps = new RegisterMapResolver(baseDir);
  }

  /** Reads and cross-checks every device, in file order. */
  List<DeviceConfig> readAll(ConfigNode root) {
    List<ConfigNode> nodes = root.mappingList("devices", KEYS, "device");
    List<DeviceConfig> devices = new ArrayList<>();
    Map<String, Integer> indexById = new HashMap<>();
    Map<String, Integer> indexByUnit = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      ConfigNode node = nodes.get(i);
      DeviceConfig device = read(node);
      Integer sameId = indexById.putIfAbsent(device.deviceId(), i);
      if (sameId != null) {
        throw node.fail(
            "id", "duplicate device id '" + device.deviceId() + "', also devices[" + sameId + "]");
      }
      String unit = device.endpoint() + " unit " + device.unitId();
      Integer sameUnit = indexByUnit.putIfAbsent(unit, i);
      if (sameUnit != null) {
        throw node.fail(
            "unitId",
            "unit id "
                + device.unitId()
                + " on endpoint "
                + device.endpoint()
                + " is already used by devices["
                + sameUnit
                + "] ("
                + devices.get(sameUnit).deviceId()
                + ")");
      }
      devices.add(device);
    }
    return devices;
  }

  private DeviceConfig read(ConfigNode node) {
    String id = node.id("id");
    String area = node.id("area");
    HostPort endpoint = endpoint(node);
    RegisterMap map = maps.resolve(node);
    int unitId = node.integer("unitId", map.unitId(), 0, 255);
    Map<String, Duration> pollClasses = pollClasses(node, map);
    DeviceDefaults knobs = defaults.overriddenBy(node);
    PointSettings points = PointSettings.read(node, map, defaults.deadband());
    return new DeviceConfig(
        id,
        area,
        endpoint.host(),
        endpoint.port(),
        unitId,
        map,
        pollClasses,
        knobs.timeout(),
        knobs.retries(),
        knobs.maxGap(),
        knobs.quarantineAfter(),
        knobs.quarantineProbe(),
        knobs.maxSilence(),
        points.defaultDeadband(),
        points.deadbands(),
        points.spikeFilterType(),
        points.halfWindow(),
        points.nSigmas(),
        points.spikeFilterPoints(),
        WriteLimits.read(node, map));
  }

  private static HostPort endpoint(ConfigNode node) {
    String text = node.requiredText("endpoint");
    return HostPort.parse(text, 0)
        .orElseThrow(
            () -> node.fail("endpoint", "must be host:port with a port 1..65535, was " + text));
  }

  /** The map's poll classes with the device's overrides; only the map's classes can be set. */
  private static Map<String, Duration> pollClasses(ConfigNode node, RegisterMap map) {
    Map<String, Duration> effective = new LinkedHashMap<>(map.pollClasses());
    node.optionalNamedChild("pollClasses")
        .ifPresent(
            overrides -> {
              for (String name : overrides.keys()) {
                if (!effective.containsKey(name)) {
                  throw overrides.fail(
                      name,
                      "unknown poll class of register map '"
                          + map.deviceType()
                          + "'; it has "
                          + String.join(", ", map.pollClasses().keySet()));
                }
                effective.put(name, overrides.duration(name, null, "10ms", "1h"));
              }
            });
    return effective;
  }
}
