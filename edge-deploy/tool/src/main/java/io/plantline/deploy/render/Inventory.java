package io.plantline.deploy.render;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated plant inventory: sites, their edge nodes, and the Modbus devices each node polls.
 *
 * @param namespace the namespace of every edge overlay
 * @param sites at least one site
 */
public record Inventory(String namespace, List<Site> sites) {

  public Inventory {
    sites = List.copyOf(sites);
  }

  /**
   * One plant site.
   *
   * @param plantNetwork the CIDR where the site's MQTT broker (and Kafka) are reached from the edge
   * @param mqttUrl the broker URL the gateways publish to
   */
  public record Site(String id, String plantNetwork, String mqttUrl, List<Node> nodes) {
    public Site {
      nodes = List.copyOf(nodes);
    }

    /** The broker's host name in {@link #mqttUrl()} ({@code ssl://host[:port]}). */
    public String mqttHost() {
      String hostPort = mqttUrl.substring(mqttUrl.indexOf("://") + 3);
      int colon = hostPort.indexOf(':');
      return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** The broker's port in {@link #mqttUrl()}, 8883 (MQTT over TLS) when none is given. */
    public int mqttPort() {
      String hostPort = mqttUrl.substring(mqttUrl.indexOf("://") + 3);
      int colon = hostPort.indexOf(':');
      return colon < 0 ? 8883 : Integer.parseInt(hostPort.substring(colon + 1));
    }
  }

  /**
   * One edge node (a k3s node) and its gateway.
   *
   * @param name the Kubernetes node name ({@code kubernetes.io/hostname})
   * @param modbusSubnets CIDRs of the machine network the node polls
   */
  public record Node(
      String name, String gatewayId, List<String> modbusSubnets, List<Device> devices) {
    public Node {
      modbusSubnets = List.copyOf(modbusSubnets);
      devices = List.copyOf(devices);
    }
  }

  /** One Modbus TCP device, in the gateway's own terms (edge-gateway/README.md). */
  public record Device(
      String id,
      String area,
      String host,
      int port,
      Optional<Integer> unitId,
      String registerMap,
      Map<String, String> pollClasses,
      Optional<String> writeLimits) {
    public Device {
      pollClasses = Map.copyOf(pollClasses);
    }

    public String endpoint() {
      return host + ":" + port;
    }
  }
}
