package io.plantline.deploy.render;

import io.plantline.contracts.topic.MqttAccessList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plant broker's access list from the inventory: each edge node's gateway (MQTT user = its
 * gateway id, as the rendered gateway configuration logs in) may publish only for the devices the
 * node polls and read only their command topics; the ingestion bridge (user {@value #BRIDGE_USER},
 * as in the plant base) reads all telemetry and status; the console (user {@value #CONSOLE_USER})
 * is the commander of every site: it publishes operators' setpoints on the command topics and reads
 * the gateways' results. Written to {@code <out>/plant/mosquitto-acl}, for the ConfigMap {@code
 * mosquitto-acl} the broker mounts.
 */
final class BrokerAcl {
  /** The bridge's MQTT user in the plant base ({@code ingestion-bridge.yaml}). */
  static final String BRIDGE_USER = "ingestion-bridge";

  /** The console's MQTT user in the plant base ({@code console.yaml}). */
  static final String CONSOLE_USER = "console";

  private BrokerAcl() {}

  static MqttAccessList of(Inventory plant) {
    List<MqttAccessList.Gateway> gateways = new ArrayList<>();
    for (Inventory.Site site : plant.sites()) {
      for (Inventory.Node node : site.nodes()) {
        gateways.add(
            new MqttAccessList.Gateway(
                node.gatewayId(),
                node.gatewayId(),
                site.id(),
                node.devices().stream()
                    .map(d -> new MqttAccessList.Device(d.area(), d.id()))
                    .toList()));
      }
    }
    List<String> sites = plant.sites().stream().map(Inventory.Site::id).toList();
    return new MqttAccessList(
        gateways, List.of(BRIDGE_USER), List.of(new MqttAccessList.Commander(CONSOLE_USER, sites)));
  }

  /** Writes the ACL file; returns its path. */
  static Path write(Inventory plant, Path out) throws IOException {
    Path file = Files.createDirectories(out.resolve("plant")).resolve("mosquitto-acl");
    Files.writeString(file, of(plant).mosquittoAclFile(), StandardCharsets.UTF_8);
    return file;
  }
}
