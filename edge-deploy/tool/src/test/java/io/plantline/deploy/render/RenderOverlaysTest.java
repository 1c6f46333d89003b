package io.plantline.deploy.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.plantline.deploy.manifest.CrdSchemas;
import io.plantline.deploy.manifest.Kustomize;
import io.plantline.deploy.manifest.RenderedOverlay;
import io.plantline.deploy.manifest.StrictModels;
import io.plantline.gateway.app.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Renders the sample inventory with the real command, builds every node overlay with {@code kubectl
 * kustomize}, and checks each node's gateway: its config loads with the gateway's loader and holds
 * exactly that node's devices, it is pinned to its node, and its NetworkPolicy admits exactly its
 * Modbus subnets.
 */
class RenderOverlaysTest {

  @Test
  void shouldRenderOneOverlayPerNodeThatKustomizeBuildsAndTheGatewayLoads(@TempDir Path out)
      throws Exception {
    Path inventory = Path.of(getClass().getResource("/inventory/plant-sample.yaml").toURI());
    Path base = Kustomize.k8sDir().resolve("base/edge-gateway");
    int exit =
        new CommandLine(new RenderMain())
            .execute(
                "--inventory",
                inventory.toString(),
                "--out",
                out.toString(),
                "--base",
                base.toString());
    assertThat(exit).isZero();

    StrictModels models = new StrictModels(CrdSchemas.load());
    Inventory plant =
        InventoryReader.read(java.nio.file.Files.readString(inventory), inventory.toString());
    int nodes = 0;
    for (Inventory.Site site : plant.sites()) {
      for (Inventory.Node node : site.nodes()) {
        nodes++;
        RenderedOverlay overlay =
            RenderedOverlay.render(
                node.name(), out.resolve(site.id()).resolve(node.name()), models);
        StatefulSet gateway = overlay.one(StatefulSet.class, "edge-gateway-" + node.name());
        assertThat(gateway.getMetadata().getNamespace()).isEqualTo("plantline-edge");
        assertThat(gateway.getSpec().getTemplate().getSpec().getNodeSelector())
            .containsEntry("kubernetes.io/hostname", node.name());
        assertThat(gateway.getSpec().getTemplate().getMetadata().getLabels())
            .containsEntry("plantline.io/edge-node", node.name())
            .containsEntry("plantline.io/site", site.id());
        GatewayConfig config =
            io.plantline.deploy.manifest.ManifestsTestAccess.checkGateway(
                overlay,
                new RenderedOverlay.Workload(
                    gateway.getMetadata().getName(), gateway, gateway.getSpec().getTemplate()));
        assertThat(config.gatewayId()).isEqualTo(node.gatewayId());
        assertThat(config.siteId()).isEqualTo(site.id());
        assertThat(config.devices())
            .extracting(d -> d.deviceId())
            .containsExactlyElementsOf(node.devices().stream().map(Inventory.Device::id).toList());
        assertThat(overlay.yaml()).doesNotContain("password:");
        for (Inventory.Device device : node.devices()) {
          io.plantline.gateway.app.config.DeviceConfig loaded =
              config.devices().stream()
                  .filter(d -> d.deviceId().equals(device.id()))
                  .findFirst()
                  .orElseThrow();
          assertThat(loaded.writeLimits().isEmpty())
              .as(device.id() + " write limits rendered")
              .isEqualTo(device.writeLimits().isEmpty());
        }
      }
    }
    assertThat(nodes).isEqualTo(3);
    assertThat(
            plant.sites().get(0).nodes().stream()
                .flatMap(n -> n.devices().stream())
                .filter(d -> d.writeLimits().isPresent()))
        .as("the sample has a machine with its own setpoint limits")
        .isNotEmpty();

    // The broker's access list: each gateway (user = its id, as its configuration logs in) gets
    // exactly its node's devices; the bridge reads.
    List<String> acl =
        java.nio.file.Files.readAllLines(out.resolve("plant").resolve("mosquitto-acl"));
    for (Inventory.Site site : plant.sites()) {
      for (Inventory.Node node : site.nodes()) {
        int at = acl.indexOf("user " + node.gatewayId());
        assertThat(at).as("a section for %s", node.gatewayId()).isNotNegative();
        List<String> grants =
            acl.subList(at + 1, acl.size()).stream().takeWhile(l -> !l.isBlank()).toList();
        assertThat(grants)
            .hasSize(1 + 4 * node.devices().size())
            .allMatch(l -> l.contains("/" + site.id() + "/"));
        for (Inventory.Device d : node.devices()) {
          assertThat(grants)
              .contains(
                  "topic write plantline/v1/"
                      + site.id()
                      + "/"
                      + d.area()
                      + "/"
                      + d.id()
                      + "/telemetry",
                  "topic read plantline/v1/"
                      + site.id()
                      + "/"
                      + d.area()
                      + "/"
                      + d.id()
                      + "/command");
        }
      }
    }
    assertThat(acl).contains("user ingestion-bridge", "topic read plantline/v1/+/+/+/telemetry");
    // The broker certificate's names: what each site's gateways connect to, and the Service.
    com.fasterxml.jackson.databind.JsonNode certificate =
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(out.resolve("plant").resolve("mosquitto-tls.yaml").toFile());
    assertThat(certificate.path("kind").asText()).isEqualTo("Certificate");
    assertThat(certificate.path("metadata").path("name").asText()).isEqualTo("mosquitto-tls");
    List<String> dnsNames = new java.util.ArrayList<>();
    certificate.path("spec").path("dnsNames").forEach(n -> dnsNames.add(n.asText()));
    assertThat(dnsNames).contains("mosquitto", "mosquitto.plantline.svc");
    for (Inventory.Site site : plant.sites()) {
      assertThat(dnsNames).as(site.id() + " broker host").contains(site.mqttHost());
    }
    assertThat(acl).contains("user console");
    for (Inventory.Site site : plant.sites()) {
      assertThat(acl)
          .contains(
              "topic write plantline/v1/" + site.id() + "/+/+/command",
              "topic read plantline/v1/" + site.id() + "/+/+/command-result");
    }
  }

  @Test
  void shouldExitWithTheReasonForABadInventory(@TempDir Path dir) throws Exception {
    Path inventory = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(
        inventory,
        """
        version: 1
        sites:
          - id: s1
            plantNetwork: 10.10.0.0/16
            mqtt: {url: "ssl://mqtt:8883"}
            nodes:
              - name: n1
                modbusSubnets: [10.20.0.0/24]
                devices:
                  - {id: d1, area: a, endpoint: "10.20.0.1:502", registerMap: nope}
        """);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine command = new CommandLine(new RenderMain());
    command.setErr(new java.io.PrintWriter(new PrintStream(err), true));
    command.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("plantline deploy render: " + e.getMessage());
          return 2;
        });
    int exit =
        command.execute(
            "--inventory",
            inventory.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--base",
            Kustomize.k8sDir().resolve("base/edge-gateway").toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("sites[0].nodes[0].devices[0].registerMap: unknown register map 'nope'");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
