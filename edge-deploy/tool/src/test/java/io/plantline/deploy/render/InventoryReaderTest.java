package io.plantline.deploy.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each reason an inventory is rejected, with the key path it names. */
class InventoryReaderTest {
  private static final String HEAD =
      """
      version: 1
      sites:
        - id: site-1
          plantNetwork: 10.10.0.0/16
          mqtt: {url: "ssl://mqtt.plant.local:8883"}
          nodes:
      """;

  private static String node(String name, String... devices) {
    StringBuilder yaml =
        new StringBuilder(
            "      - name: %s\n        modbusSubnets: [10.20.0.0/16]\n        devices:\n"
                .formatted(name));
    for (String device : devices) {
      yaml.append("          - ").append(device).append('\n');
    }
    return yaml.toString();
  }

  private static String device(String id, String endpoint, String map) {
    return "{id: %s, area: a1, endpoint: \"%s\", unitId: 1, registerMap: %s}"
        .formatted(id, endpoint, map);
  }

  private static void rejects(String yaml, String path, String reason) {
    assertThatThrownBy(() -> InventoryReader.read(yaml, "plant.yaml"))
        .isInstanceOf(InventoryException.class)
        .hasMessageStartingWith("plant.yaml: " + path + ": ")
        .hasMessageContaining(reason);
  }

  @Test
  void shouldReadTheSampleInventory() throws Exception {
    Inventory inventory =
        InventoryReader.read(
            Files.readString(
                Path.of(getClass().getResource("/inventory/plant-sample.yaml").toURI())),
            "plant-sample.yaml");
    assertThat(inventory.sites()).hasSize(2);
    assertThat(inventory.sites().get(0).nodes().get(0).gatewayId()).isEqualTo("gw-edge-hall-a");
    assertThat(inventory.sites().get(0).nodes().get(1).devices().get(0).unitId()).isEmpty();
    assertThat(inventory.sites().get(1).nodes().get(0).devices().get(0).port()).isEqualTo(5020);
    assertThat(inventory.sites().get(0).mqttHost()).isEqualTo("mqtt.site-1.plant.local");
    assertThat(inventory.sites().get(1).mqttPort()).as("MQTT over TLS by default").isEqualTo(8883);
    assertThat(BrokerCertificate.dnsNames(inventory))
        .containsExactly(
            "mosquitto",
            "mosquitto.plantline.svc",
            "mosquitto.plantline.svc.cluster.local",
            "mqtt.site-1.plant.local",
            "mqtt.site-2.plant.local");
  }

  @Test
  void shouldRejectPlainMqtt() {
    rejects(
        HEAD.replace("ssl://mqtt.plant.local:8883", "tcp://mqtt.plant.local:1883")
            + node("n1", device("d1", "10.20.0.1:502", "motor-spindle")),
        "sites[0].mqtt.url",
        "plain MQTT is refused: the plant broker listens only on TLS");
    rejects(
        HEAD.replace("ssl://mqtt.plant.local:8883", "mqtt.plant.local")
            + node("n1", device("d1", "10.20.0.1:502", "motor-spindle")),
        "sites[0].mqtt.url",
        "ssl://");
  }

  @Test
  void shouldRejectAnUnknownRegisterMap() {
    rejects(
        HEAD + node("n1", device("d1", "10.20.0.1:502", "lathe-v9")),
        "sites[0].nodes[0].devices[0].registerMap",
        "unknown register map 'lathe-v9'; known: ");
  }

  @Test
  void shouldRejectADuplicateDeviceIdOnANode() {
    rejects(
        HEAD
            + node(
                "n1", device("d1", "10.20.0.1:502", "pump"), device("d1", "10.20.0.2:502", "pump")),
        "sites[0].nodes[0].devices[1].id",
        "duplicate device id d1 on node n1");
  }

  @Test
  void shouldRejectADeviceIdOnTwoNodes() {
    rejects(
        HEAD
            + node("n1", device("d1", "10.20.0.1:502", "pump"))
            + node("n2", device("d1", "10.20.0.9:502", "pump")),
        "sites[0].nodes[1].devices[0].id",
        "device d1 is on two nodes: n1 and n2");
  }

  @Test
  void shouldRejectTheSameDeviceUnderAnotherIdOnTwoNodes() {
    rejects(
        HEAD
            + node("n1", device("d1", "10.20.0.1:502", "pump"))
            + node("n2", device("d2", "10.20.0.1:502", "pump")),
        "sites[0].nodes[1].devices[0].endpoint",
        "the device at 10.20.0.1:502 unit 1 is on two nodes: n1/d1 and n2/d2");
  }

  @Test
  void shouldRejectAnEndpointOutsideTheNodesModbusSubnets() {
    rejects(
        HEAD + node("n1", device("d1", "10.99.0.1:502", "pump")),
        "sites[0].nodes[0].devices[0].endpoint",
        "outside the node's modbusSubnets");
  }

  @Test
  void shouldRejectAHostNameEndpoint() {
    rejects(
        HEAD + node("n1", device("d1", "plc-1.local:502", "pump")),
        "sites[0].nodes[0].devices[0].endpoint",
        "must be IPv4:port");
  }

  @Test
  void shouldRejectUnknownAndMissingKeys() {
    rejects(
        HEAD
            + node(
                "n1",
                "{id: d1, area: a1, endpoint: \"10.20.0.1:502\", registerMap: pump, colour: red}"),
        "sites[0].nodes[0].devices[0].colour",
        "unknown key");
    rejects(
        HEAD + node("n1", "{id: d1, endpoint: \"10.20.0.1:502\", registerMap: pump}"),
        "sites[0].nodes[0].devices[0].area",
        "missing");
    rejects("sites: []\n", "version", "must be 1");
  }

  @Test
  void shouldRejectADuplicateNodeAndABadNodeName() {
    rejects(
        HEAD
            + node("n1", device("d1", "10.20.0.1:502", "pump"))
            + node("n1", device("d2", "10.20.0.2:502", "pump")),
        "sites[0].nodes[1].name",
        "node n1 is also sites[0].nodes[0]");
    rejects(
        HEAD + node("Edge_1", device("d1", "10.20.0.1:502", "pump")),
        "sites[0].nodes[0].name",
        "must match");
  }

  @Test
  void shouldRejectABadCidrAndABadUnitId() {
    rejects(
        HEAD.replace("10.10.0.0/16", "10.10.0.1/16")
            + node("n1", device("d1", "10.20.0.1:502", "pump")),
        "sites[0].plantNetwork",
        "must be an IPv4 CIDR");
    rejects(
        HEAD
            + node(
                "n1",
                "{id: d1, area: a1, endpoint: \"10.20.0.1:502\", unitId: 300, registerMap: pump}"),
        "sites[0].nodes[0].devices[0].unitId",
        "0..255");
  }

  /** Renders {@code inventory}'s node overlays, as the render command does, into {@code out}. */
  private static void render(Inventory inventory, Path out) {
    new NodeOverlayWriter(
            Path.of(System.getProperty("deploy.k8s.dir", "../k8s"), "base/edge-gateway"), out)
        .write(inventory);
  }

  @Test
  void shouldRejectAPollClassTheRegisterMapDoesNotHaveWhenRendering(
      @org.junit.jupiter.api.io.TempDir Path out) {
    Inventory inventory =
        InventoryReader.read(
            HEAD
                + node(
                    "n1",
                    "{id: d1, area: a1, endpoint: \"10.20.0.1:502\", registerMap: pump, pollClasses: {turbo: 1s}}"),
            "plant.yaml");
    assertThatThrownBy(() -> render(inventory, out))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("node n1: gateway.yaml: the gateway rejects it")
        .hasMessageContaining("pollClasses");
  }

  @Test
  void shouldRejectSetpointLimitsWiderThanTheRegisterMapsWhenRendering(
      @org.junit.jupiter.api.io.TempDir Path out) {
    rejects(
        HEAD
            + node(
                "n1",
                "{id: d1, area: a1, endpoint: \"10.20.0.1:502\", registerMap: pump, writeLimits: 100}"),
        "sites[0].nodes[0].devices[0].writeLimits",
        "must be a mapping");
    Inventory inventory =
        InventoryReader.read(
            HEAD
                + node(
                    "n1",
                    "{id: d1, area: a1, endpoint: \"10.20.0.1:502\", registerMap: pump,"
                        + " writeLimits: {speed_setpoint_pct: {max: 120}}}"),
            "plant.yaml");
    assertThatThrownBy(() -> render(inventory, out))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("node n1: gateway.yaml: the gateway rejects it")
        .hasMessageContaining(
            "writeLimits.speed_setpoint_pct.max: 120.0 lies outside the limits of register map"
                + " point speed_setpoint_pct [0.0, 100.0]");
  }
}
