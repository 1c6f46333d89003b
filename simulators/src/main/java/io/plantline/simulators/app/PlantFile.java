package io.plantline.simulators.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plantline.contracts.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plant: sites, areas and their devices, as listed in a plant YAML file. A device entry with
 * {@code count: N} stands for N devices with ids {@code <id>-001..N}, seeds {@code seed+i} and, for
 * a fixed port, ports {@code port+i}.
 *
 * @param name plant name
 * @param bind address the Modbus endpoints and the control API bind to
 * @param tick real time between two simulation steps
 * @param devices every device, replicas expanded
 * @param baseDir directory the file was read from (register maps and CSV files are relative to it)
 */
public record PlantFile(
    String name, String bind, Duration tick, List<DeviceSpec> devices, Path baseDir) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ROOT_KEYS = Set.of("plant", "bind", "tickMillis", "sites");
  private static final Set<String> SITE_KEYS = Set.of("id", "areas");
  private static final Set<String> AREA_KEYS = Set.of("id", "devices");
  private static final Set<String> DEVICE_KEYS =
      Set.of(
          "id",
          "model",
          "protocol",
          "registerMap",
          "unitId",
          "port",
          "seed",
          "serialNumber",
          "params",
          "count",
          "publishMillis",
          "actions");

  /** Loads a plant file; paths inside it (register maps, CSV files) are relative to it. */
  public static PlantFile load(String pathOrName) {
    Path file = Path.of(pathOrName);
    try {
      return parse(
          Files.readString(file), file.getFileName().toString(), file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new ConfigException(pathOrName, "", "cannot read: " + e.getMessage());
    }
  }

  public static PlantFile parse(String yaml, String source, Path baseDir) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(source, "", "not valid YAML: " + e.getMessage());
    }
    ConfigNode root = new ConfigNode(source, "", tree).onlyKeys(ROOT_KEYS);
    String name = root.text("plant");
    String bind = root.text("bind", "127.0.0.1");
    Duration tick = Duration.ofMillis(root.integer("tickMillis", 10, 3_600_000, 100));
    List<DeviceSpec> devices = new ArrayList<>();
    for (ConfigNode site : root.list("sites")) {
      site.onlyKeys(SITE_KEYS);
      String siteId = id(site, "id");
      for (ConfigNode area : site.list("areas")) {
        area.onlyKeys(AREA_KEYS);
        String areaId = id(area, "id");
        for (ConfigNode device : area.list("devices")) {
          devices.addAll(devices(device.onlyKeys(DEVICE_KEYS), siteId, areaId));
        }
      }
    }
    if (devices.isEmpty()) {
      throw root.child("sites").error("a plant needs at least one device");
    }
    rejectDuplicates(devices, source);
    return new PlantFile(name, bind, tick, List.copyOf(devices), baseDir);
  }

  private static List<DeviceSpec> devices(ConfigNode node, String siteId, String areaId) {
    String id = id(node, "id");
    String model = node.text("model");
    String protocol = node.text("protocol", "modbus");
    if (!protocol.equals("modbus") && !protocol.equals("mqtt")) {
      throw node.child("protocol").error("must be modbus or mqtt");
    }
    String registerMap = node.text("registerMap", model);
    int unitId = (int) node.integer("unitId", 0, 255, 1);
    int port = (int) node.integer("port", 0, 65535, 0);
    long seed = node.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, id.hashCode());
    String serial = node.text("serialNumber", null);
    Map<String, Object> params = node.scalars("params");
    int count = (int) node.integer("count", 1, 10_000, 1);
    Duration publish = Duration.ofMillis(node.integer("publishMillis", 10, 3_600_000, 1000));
    List<Map<String, Object>> actions = new ArrayList<>();
    for (ConfigNode action : node.list("actions")) {
      actions.add(action.asScalars());
    }
    List<DeviceSpec> specs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String deviceId = count == 1 ? id : String.format("%s-%03d", id, i + 1);
      specs.add(
          new DeviceSpec(
              deviceId,
              siteId,
              areaId,
              model,
              protocol,
              registerMap,
              unitId,
              port == 0 ? 0 : port + i,
              seed + i,
              serialNumber(serial, count, i, seed + i),
              params,
              publish,
              actions,
              node.path()));
    }
    return specs;
  }

  /** The given serial number (numbered for replicas), or one derived from the seed. */
  private static String serialNumber(String given, int count, int index, long seed) {
    if (given == null) {
      return String.format("SN-%08X", seed & 0xFFFFFFFFL);
    }
    return count == 1 ? given : String.format("%s-%03d", given, index + 1);
  }

  private static String id(ConfigNode node, String key) {
    String id = node.text(key);
    if (!Ids.isValid(id)) {
      throw node.child(key)
          .error("'" + id + "' is not a valid id ([A-Za-z0-9][A-Za-z0-9._-]{0,63})");
    }
    return id;
  }

  private static void rejectDuplicates(List<DeviceSpec> devices, String source) {
    Set<String> ids = new HashSet<>();
    Set<String> endpoints = new HashSet<>();
    for (DeviceSpec d : devices) {
      if (!ids.add(d.deviceId())) {
        throw new ConfigException(source, d.sourcePath(), "duplicate device id " + d.deviceId());
      }
      if (d.port() != 0
          && d.protocol().equals("modbus")
          && !endpoints.add(d.port() + "/" + d.unitId())) {
        throw new ConfigException(
            source,
            d.sourcePath(),
            "device " + d.deviceId() + " uses port " + d.port() + " unit " + d.unitId() + " twice");
      }
    }
  }
}
