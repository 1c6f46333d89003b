package io.plantline.deploy.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plantline.deploy.render.Inventory.Device;
import io.plantline.deploy.render.Inventory.Node;
import io.plantline.deploy.render.Inventory.Site;
import io.plantline.registermap.RegisterMaps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a plant inventory (YAML) into a validated {@link Inventory}. The first bad value stops it
 * with an {@link InventoryException} naming the key path: unknown or missing keys, bad ids, an
 * unknown register map, a duplicate device id on a node, a device (by id, or by endpoint and unit
 * id) on two nodes, an endpoint outside the node's Modbus subnets.
 */
public final class InventoryReader {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** A DNS label short enough for {@code edge-gateway-<node>-0} and its revision labels. */
  private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

  private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h)");
  private static final Pattern MQTT_URL = Pattern.compile("ssl://[A-Za-z0-9.-]+(:\\d{1,5})?");

  private final String source;
  private final Map<String, String> nodeOfDeviceId = new HashMap<>();
  private final Map<String, String> deviceAtEndpoint = new HashMap<>();

  private InventoryReader(String source) {
    this.source = source;
  }

  /** Parses and validates inventory text; {@code source} names it in errors. */
  public static Inventory read(String yaml, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new InventoryException(
          source, "$", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new InventoryException(source, "$", "must be a mapping with version and sites");
    }
    return new InventoryReader(source).inventory(root);
  }

  private Inventory inventory(JsonNode root) {
    keys(root, "", Set.of("version", "namespace", "sites"));
    if (!root.path("version").isInt() || root.get("version").asInt() != 1) {
      throw fail("version", "must be 1, was " + text(root.get("version")));
    }
    String namespace =
        root.has("namespace") ? matching(root, "", "namespace", NODE_NAME) : "plantline-edge";
    List<Site> sites = new ArrayList<>();
    Set<String> siteIds = new java.util.HashSet<>();
    Map<String, String> nodeNames = new HashMap<>();
    Map<String, String> gatewayIds = new HashMap<>();
    List<JsonNode> siteNodes = list(root, "", "sites");
    for (int s = 0; s < siteNodes.size(); s++) {
      String path = "sites[" + s + "]";
      Site site = site(siteNodes.get(s), path);
      if (!siteIds.add(site.id())) {
        throw fail(path + ".id", "duplicate site id " + site.id());
      }
      for (int n = 0; n < site.nodes().size(); n++) {
        Node node = site.nodes().get(n);
        String nodePath = path + ".nodes[" + n + "]";
        String previous = nodeNames.putIfAbsent(node.name(), nodePath);
        if (previous != null) {
          throw fail(nodePath + ".name", "node " + node.name() + " is also " + previous);
        }
        String otherGateway = gatewayIds.putIfAbsent(node.gatewayId(), nodePath);
        if (otherGateway != null) {
          throw fail(
              nodePath + ".gatewayId",
              "gateway id " + node.gatewayId() + " is also used by " + otherGateway);
        }
      }
      sites.add(site);
    }
    return new Inventory(namespace, sites);
  }

  private Site site(JsonNode site, String path) {
    keys(site, path, Set.of("id", "plantNetwork", "mqtt", "nodes"));
    String id = matching(site, path, "id", ID);
    String plantNetwork = cidr(site, path, "plantNetwork");
    JsonNode mqtt = required(site, path, "mqtt");
    keys(mqtt, path + ".mqtt", Set.of("url"));
    String url = requiredText(mqtt, path + ".mqtt", "url");
    if (url.startsWith("tcp://")) {
      throw fail(
          path + ".mqtt.url",
          "plain MQTT is refused: the plant broker listens only on TLS (ssl://host:8883)");
    }
    url = matching(mqtt, path + ".mqtt", "url", MQTT_URL);
    List<Node> nodes = new ArrayList<>();
    List<JsonNode> nodeNodes = list(site, path, "nodes");
    for (int n = 0; n < nodeNodes.size(); n++) {
      nodes.add(node(nodeNodes.get(n), path + ".nodes[" + n + "]"));
    }
    return new Site(id, plantNetwork, url, nodes);
  }

  private Node node(JsonNode node, String path) {
    keys(node, path, Set.of("name", "gatewayId", "modbusSubnets", "devices"));
    String name = matching(node, path, "name", NODE_NAME);
    String gatewayId = node.has("gatewayId") ? matching(node, path, "gatewayId", ID) : "gw-" + name;
    List<String> subnets = new ArrayList<>();
    List<Cidr> cidrs = new ArrayList<>();
    List<JsonNode> subnetNodes = list(node, path, "modbusSubnets");
    for (int i = 0; i < subnetNodes.size(); i++) {
      String text = subnetNodes.get(i).asText();
      String at = path + ".modbusSubnets[" + i + "]";
      cidrs.add(
          Cidr.parse(text)
              .orElseThrow(
                  () -> fail(at, "must be an IPv4 CIDR such as 10.20.1.0/24, was " + text)));
      subnets.add(text);
    }
    List<Device> devices = new ArrayList<>();
    Set<String> idsOnNode = new java.util.HashSet<>();
    List<JsonNode> deviceNodes = list(node, path, "devices");
    for (int d = 0; d < deviceNodes.size(); d++) {
      String at = path + ".devices[" + d + "]";
      Device device = device(deviceNodes.get(d), at, cidrs, subnets);
      if (!idsOnNode.add(device.id())) {
        throw fail(at + ".id", "duplicate device id " + device.id() + " on node " + name);
      }
      String otherNode = nodeOfDeviceId.putIfAbsent(device.id(), name);
      if (otherNode != null) {
        throw fail(
            at + ".id",
            "device " + device.id() + " is on two nodes: " + otherNode + " and " + name);
      }
      String unit = device.endpoint() + " unit " + device.unitId().map(String::valueOf).orElse("*");
      String sameDevice = deviceAtEndpoint.putIfAbsent(unit, name + "/" + device.id());
      if (sameDevice != null && !sameDevice.startsWith(name + "/")) {
        throw fail(
            at + ".endpoint",
            "the device at "
                + unit
                + " is on two nodes: "
                + sameDevice
                + " and "
                + name
                + "/"
                + device.id());
      }
      devices.add(device);
    }
    return new Node(name, gatewayId, subnets, devices);
  }

  private Device device(JsonNode device, String path, List<Cidr> subnets, List<String> names) {
    keys(
        device,
        path,
        Set.of("id", "area", "endpoint", "unitId", "registerMap", "pollClasses", "writeLimits"));
    String id = matching(device, path, "id", ID);
    String area = matching(device, path, "area", ID);
    String endpoint = requiredText(device, path, "endpoint");
    int colon = endpoint.lastIndexOf(':');
    Optional<Long> address = colon > 0 ? Cidr.ipv4(endpoint.substring(0, colon)) : Optional.empty();
    int port = colon > 0 ? parsePort(endpoint.substring(colon + 1)) : -1;
    if (address.isEmpty() || port < 1) {
      throw fail(
          path + ".endpoint",
          "must be IPv4:port (the NetworkPolicy allows Modbus by address), was " + endpoint);
    }
    if (subnets.stream().noneMatch(c -> c.contains(address.get()))) {
      throw fail(
          path + ".endpoint",
          endpoint
              + " is outside the node's modbusSubnets "
              + names
              + "; the NetworkPolicy would block it");
    }
    Optional<Integer> unitId = Optional.empty();
    if (device.has("unitId")) {
      JsonNode unit = device.get("unitId");
      if (!unit.isInt() || unit.asInt() < 0 || unit.asInt() > 255) {
        throw fail(path + ".unitId", "must be a number 0..255, was " + text(unit));
      }
      unitId = Optional.of(unit.asInt());
    }
    String registerMap = requiredText(device, path, "registerMap");
    if (!RegisterMaps.builtInTypes().contains(registerMap)) {
      throw fail(
          path + ".registerMap",
          "unknown register map '"
              + registerMap
              + "'; known: "
              + String.join(", ", RegisterMaps.builtInTypes()));
    }
    Map<String, String> pollClasses = new LinkedHashMap<>();
    if (device.has("pollClasses")) {
      JsonNode classes = device.get("pollClasses");
      if (!classes.isObject()) {
        throw fail(path + ".pollClasses", "must be a mapping such as {fast: 500ms}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = classes.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String value = e.getValue().asText();
        if (!e.getValue().isTextual() || !DURATION.matcher(value).matches()) {
          throw fail(
              path + ".pollClasses." + e.getKey(),
              "must be a duration such as 500ms, was " + value);
        }
        pollClasses.put(e.getKey(), value);
      }
    }
    // This machine's setpoint limits, in the gateway's own format; the gateway's loader checks them
    // against the register map when the node's configuration is rendered.
    Optional<String> writeLimits = Optional.empty();
    if (device.has("writeLimits")) {
      JsonNode limits = device.get("writeLimits");
      if (!limits.isObject()) {
        throw fail(
            path + ".writeLimits", "must be a mapping such as {speed_setpoint_rpm: {max: 8000}}");
      }
      writeLimits = Optional.of(limits.toString());
    }
    return new Device(
        id,
        area,
        endpoint.substring(0, colon),
        port,
        unitId,
        registerMap,
        pollClasses,
        writeLimits);
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void keys(JsonNode node, String path, Set<String> allowed) {
    if (!node.isObject()) {
      throw fail(path.isEmpty() ? "$" : path, "must be a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw fail(join(path, key), "unknown key; allowed: " + String.join(", ", sorted(allowed)));
      }
    }
  }

  private JsonNode required(JsonNode node, String path, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw fail(join(path, key), "missing");
    }
    return value;
  }

  private String requiredText(JsonNode node, String path, String key) {
    JsonNode value = required(node, path, key);
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw fail(join(path, key), "must be a text value");
    }
    return value.asText();
  }

  private String matching(JsonNode node, String path, String key, Pattern pattern) {
    String value = requiredText(node, path, key);
    if (!pattern.matcher(value).matches()) {
      throw fail(join(path, key), "must match " + pattern.pattern() + ", was " + value);
    }
    return value;
  }

  private String cidr(JsonNode node, String path, String key) {
    String value = requiredText(node, path, key);
    if (Cidr.parse(value).isEmpty()) {
      throw fail(join(path, key), "must be an IPv4 CIDR such as 10.10.0.0/16, was " + value);
    }
    return value;
  }

  private List<JsonNode> list(JsonNode node, String path, String key) {
    JsonNode value = required(node, path, key);
    if (!value.isArray() || value.isEmpty()) {
      throw fail(join(path, key), "must be a non-empty list");
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  private InventoryException fail(String path, String reason) {
    return new InventoryException(source, path, reason);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String text(JsonNode node) {
    return node == null ? "nothing" : node.toString();
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
