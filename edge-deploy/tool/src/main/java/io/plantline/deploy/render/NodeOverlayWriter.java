package io.plantline.deploy.render;

import io.plantline.deploy.render.Inventory.Device;
import io.plantline.deploy.render.Inventory.Node;
import io.plantline.deploy.render.Inventory.Site;
import io.plantline.gateway.app.config.ConfigException;
import io.plantline.gateway.app.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes one kustomize overlay per edge node of an inventory, over a copy of the edge-gateway base:
 *
 * <pre>
 * out/base/edge-gateway/...            the base, copied so the output stands alone (GitOps repo)
 * out/&lt;site&gt;/&lt;node&gt;/kustomization.yaml  name suffix, labels, the node's ConfigMap, patches
 * out/&lt;site&gt;/&lt;node&gt;/gateway.yaml        the node's devices in the gateway's own format
 * out/&lt;site&gt;/&lt;node&gt;/node.yaml           node selector and the NetworkPolicy's subnets
 * </pre>
 *
 * Each gateway.yaml is loaded with the gateway's own loader before it is written.
 */
public final class NodeOverlayWriter {
  /** The environment variable the gateway reads its MQTT password from (Secret below). */
  public static final String MQTT_PASSWORD_ENV = "PLANTLINE_MQTT_PASSWORD";

  /**
   * Where the base StatefulSet mounts the plant MQTT CA's certificate (Secret {@code
   * plantline-mqtt-ca-cert}, key {@code ca.crt}).
   */
  public static final String MQTT_CA_FILE = "/etc/plantline-mqtt-ca/ca.crt";

  private static final String BASE = "base/edge-gateway";

  private final Path baseDir;
  private final Path out;

  public NodeOverlayWriter(Path baseDir, Path out) {
    this.baseDir = baseDir;
    this.out = out;
  }

  /** Writes every node's overlay; returns their directories. */
  public List<Path> write(Inventory inventory) {
    copyBase();
    List<Path> overlays = new ArrayList<>();
    for (Site site : inventory.sites()) {
      for (Node node : site.nodes()) {
        overlays.add(writeNode(inventory.namespace(), site, node));
      }
    }
    return overlays;
  }

  private Path writeNode(String namespace, Site site, Node node) {
    Path dir = out.resolve(site.id()).resolve(node.name());
    String gatewayYaml = gatewayYaml(site, node);
    checkLoads(gatewayYaml, dir.resolve("gateway.yaml"), node);
    write(dir.resolve("gateway.yaml"), gatewayYaml);
    write(dir.resolve("node.yaml"), nodePatch(site, node));
    write(
        dir.resolve("kustomization.yaml"),
        """
        # Rendered by `plantline deploy render` from the plant inventory: edit the inventory, not this.
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: %s
        nameSuffix: -%s
        commonLabels:
          plantline.io/site: %s
          plantline.io/edge-node: %s
        bases:
          - ../../%s
        configMapGenerator:
          - name: edge-gateway-config
            behavior: replace
            files:
              - gateway.yaml
        patchesStrategicMerge:
          - node.yaml
        """
            .formatted(namespace, node.name(), site.id(), node.name(), BASE));
    return dir;
  }

  /** The node's gateway configuration, in the format of edge-gateway/README.md. */
  static String gatewayYaml(Site site, Node node) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Rendered by `plantline deploy render` for node ")
        .append(node.name())
        .append(" of site ")
        .append(site.id())
        .append(".\n");
    yaml.append("gateway: {id: %s, site: %s}\n".formatted(node.gatewayId(), site.id()));
    yaml.append(
        "defaults: {timeout: 1s, retries: 1, maxGap: 8, quarantineAfter: 5, quarantineProbe: 60s,"
            + " maxSilence: 60s, deadband: 0}\n");
    yaml.append("devices:\n");
    for (Device device : node.devices()) {
      yaml.append(
          "  - {id: %s, area: %s, endpoint: \"%s\""
              .formatted(device.id(), device.area(), device.endpoint()));
      device.unitId().ifPresent(unit -> yaml.append(", unitId: ").append(unit));
      yaml.append(", registerMap: ").append(device.registerMap());
      if (!device.pollClasses().isEmpty()) {
        yaml.append(", pollClasses: {")
            .append(
                device.pollClasses().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ")))
            .append("}");
      }
      device.writeLimits().ifPresent(limits -> yaml.append(", writeLimits: ").append(limits));
      yaml.append("}\n");
    }
    yaml.append("uplinks:\n");
    yaml.append(
        "  mqtt: {url: \"%s\", username: %s, passwordEnv: %s, caFile: %s}\n"
            .formatted(site.mqttUrl(), node.gatewayId(), MQTT_PASSWORD_ENV, MQTT_CA_FILE));
    yaml.append(
        "journal: {directory: /var/lib/plantline/journal, maxBytes: 1GiB, segmentBytes: 8MiB,"
            + " fsync: interval, fsyncInterval: 200ms, overflow: drop-oldest}\n");
    yaml.append("replay: {maxRecordsPerSecond: 5000}\n");
    yaml.append("http: {bind: 0.0.0.0, port: 8080}\n");
    return yaml.toString();
  }

  private static String nodePatch(Site site, Node node) {
    String modbus =
        node.modbusSubnets().stream()
            .map(cidr -> "        - ipBlock: {cidr: %s}\n".formatted(cidr))
            .collect(Collectors.joining());
    return """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: edge-gateway
        spec:
          template:
            spec:
              nodeSelector:
                kubernetes.io/hostname: %s
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: edge-gateway
        spec:
          egress:
            - to:
        %s      ports:
                - {protocol: TCP, port: 502}
            - to:
                - ipBlock: {cidr: %s}
              ports:
                - {protocol: TCP, port: %d}
            - to:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: kube-system
              ports:
                - {protocol: UDP, port: 53}
                - {protocol: TCP, port: 53}
        """
        .formatted(node.name(), modbus, site.plantNetwork(), site.mqttPort());
  }

  /**
   * Loads the configuration with the gateway's own loader. The CA file exists only in the pod, so a
   * readable stand-in takes its place here.
   */
  private static void checkLoads(String yaml, Path file, Node node) {
    Path caStandIn = null;
    try {
      caStandIn = Files.createTempFile("plantline-mqtt-ca", ".crt");
      GatewayConfig.parse(
          yaml.replace(MQTT_CA_FILE, caStandIn.toString()),
          file.toString(),
          file.getParent(),
          name -> "checked-at-render");
    } catch (ConfigException e) {
      throw new InventoryException(
          "node " + node.name(), "gateway.yaml", "the gateway rejects it: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file", e);
    } finally {
      if (caStandIn != null) {
        caStandIn.toFile().delete();
      }
    }
  }

  private void copyBase() {
    Path target = out.resolve(BASE);
    try (Stream<Path> files = Files.list(baseDir)) {
      Files.createDirectories(target);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(
            file,
            target.resolve(file.getFileName().toString()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the base " + baseDir + " to " + target, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
