package io.plantline.gateway.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a gateway configuration file for tests. */
final class GatewayYaml {
  private final Path dir;
  private final List<String> devices = new ArrayList<>();
  private String gatewayId = "gw-test";
  private String mqtt = "";
  private String kafka = "";
  private String journal = "";
  private String defaults =
      "{timeout: 500ms, retries: 0, maxGap: 8, quarantineAfter: 3, quarantineProbe: 2s, maxSilence: 1s, deadband: 0}";

  GatewayYaml(Path dir) {
    this.dir = dir;
    journal("interval", "64MiB", "1MiB", "drop-oldest");
  }

  GatewayYaml device(String id, int port, String registerMap, String pollClasses) {
    return device(id, port, registerMap, pollClasses, "");
  }

  /** A device with more keys, written as {@code ", key: value"} inside its mapping. */
  GatewayYaml device(String id, int port, String registerMap, String pollClasses, String moreKeys) {
    devices.add(
        "  - {id: %s, area: area-gw, endpoint: \"127.0.0.1:%d\", unitId: 1, registerMap: %s, pollClasses: %s%s}"
            .formatted(id, port, registerMap, pollClasses, moreKeys));
    return this;
  }

  /** The gateway's id (default {@code gw-test}). */
  GatewayYaml id(String id) {
    this.gatewayId = id;
    return this;
  }

  GatewayYaml defaults(String yamlMapping) {
    this.defaults = yamlMapping;
    return this;
  }

  GatewayYaml mqtt(String host, int port, String username, String password) throws IOException {
    Path secret = Files.writeString(dir.resolve("mqtt-password"), password);
    mqtt =
        "  mqtt: {url: \"tcp://%s:%d\", username: %s, passwordFile: \"%s\", keepAlive: 5s, maxInflight: 1000}\n"
            .formatted(host, port, username, secret);
    return this;
  }

  /** The MQTT uplink over TLS, trusting the broker's test CA. */
  GatewayYaml mqttTls(String host, int tlsPort, String username, String password, Path caFile)
      throws IOException {
    Path secret = Files.writeString(dir.resolve("mqtt-password"), password);
    mqtt =
        ("  mqtt: {url: \"ssl://%s:%d\", username: %s, passwordFile: \"%s\", caFile: \"%s\","
                + " keepAlive: 5s, maxInflight: 1000}\n")
            .formatted(host, tlsPort, username, secret, caFile);
    return this;
  }

  GatewayYaml kafka(String bootstrap, String username, String password) throws IOException {
    Path secret = Files.writeString(dir.resolve("kafka-password"), password);
    kafka =
        "  kafka: {bootstrapServers: \"%s\", topic: telemetry.raw.v1, securityProtocol: SASL_PLAINTEXT, username: %s, passwordFile: \"%s\"}\n"
            .formatted(bootstrap, username, secret);
    return this;
  }

  /** The Kafka uplink over TLS with SCRAM-SHA-512, trusting the broker's test CA. */
  GatewayYaml kafkaTls(String bootstrap, String username, String password, Path caFile)
      throws IOException {
    Path secret = Files.writeString(dir.resolve("kafka-password"), password);
    kafka =
        ("  kafka: {bootstrapServers: \"%s\", topic: telemetry.raw.v1, securityProtocol: SASL_SSL,"
                + " saslMechanism: SCRAM-SHA-512, username: %s, passwordFile: \"%s\", caFile:"
                + " \"%s\"}\n")
            .formatted(bootstrap, username, secret, caFile);
    return this;
  }

  GatewayYaml journal(String fsync, String maxBytes, String segmentBytes, String overflow) {
    String interval = fsync.equals("interval") ? ", fsyncInterval: 100ms" : "";
    this.journal =
        "journal: {directory: \"%s\", maxBytes: %s, segmentBytes: %s, fsync: %s%s, overflow: %s}"
            .formatted(dir.resolve("journal"), maxBytes, segmentBytes, fsync, interval, overflow);
    return this;
  }

  Path write() throws IOException {
    String yaml =
        "gateway: {id: "
            + gatewayId
            + ", site: site-gw}\n"
            + "defaults: "
            + defaults
            + "\n"
            + "devices:\n"
            + String.join("\n", devices)
            + "\n"
            + "uplinks:\n"
            + mqtt
            + kafka
            + journal
            + "\n"
            + "replay: {maxRecordsPerSecond: 5000}\n"
            + "http: {bind: 127.0.0.1, port: 0}\n";
    return Files.writeString(dir.resolve("gateway.yaml"), yaml);
  }
}
