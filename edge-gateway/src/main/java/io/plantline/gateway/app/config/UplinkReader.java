package io.plantline.gateway.app.config;

import io.plantline.contracts.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code uplinks} section: MQTT and/or Kafka, at least one. */
final class UplinkReader {

  private static final List<String> UPLINK_KEYS = List.of("mqtt", "kafka");
  private static final List<String> MQTT_KEYS =
      List.of(
          "url", "username", "passwordFile", "passwordEnv", "caFile", "keepAlive", "maxInflight");
  private static final List<String> KAFKA_KEYS =
      List.of(
          "bootstrapServers",
          "topic",
          "securityProtocol",
          "saslMechanism",
          "username",
          "passwordFile",
          "passwordEnv",
          "caFile");
  private static final Pattern MQTT_URL = Pattern.compile("(tcp|ssl)://(.+)");
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private final Path baseDir;
  private final Secrets secrets;

  UplinkReader(Path baseDir, Function<String, String> env) {
    this.baseDir = baseDir;
    this.secrets = new Secrets(baseDir, env);
  }

  /** The configured uplinks. */
  record Uplinks(Optional<MqttUplinkConfig> mqtt, Optional<KafkaUplinkConfig> kafka) {}

  Uplinks read(ConfigNode root) {
    Optional<ConfigNode> uplinks = root.optionalChild("uplinks", UPLINK_KEYS);
    if (uplinks.isEmpty() || !(uplinks.get().has("mqtt") || uplinks.get().has("kafka"))) {
      throw root.fail("uplinks", "at least one uplink is required: mqtt or kafka");
    }
    return new Uplinks(
        uplinks.get().optionalChild("mqtt", MQTT_KEYS).map(this::mqtt),
        uplinks.get().optionalChild("kafka", KAFKA_KEYS).map(this::kafka));
  }

  private MqttUplinkConfig mqtt(ConfigNode node) {
    String url = node.requiredText("url");
    Matcher matcher = MQTT_URL.matcher(url);
    boolean tls = matcher.matches() && matcher.group(1).equals("ssl");
    Optional<HostPort> broker =
        matcher.matches() ? HostPort.parse(matcher.group(2), tls ? 8883 : 1883) : Optional.empty();
    if (broker.isEmpty()) {
      throw node.fail("url", "must be tcp://host:port or ssl://host:port, was " + url);
    }
    String username = node.requiredText("username");
    String password = secrets.password(node);
    Optional<Path> caFile = caFile(node, tls, "an ssl:// url");
    return new MqttUplinkConfig(
        broker.get().host(),
        broker.get().port(),
        tls,
        username,
        password,
        caFile,
        node.duration("keepAlive", Duration.ofSeconds(30), "1s", "65535s"),
        node.integer("maxInflight", 1000, 1, 65535));
  }

  private KafkaUplinkConfig kafka(ConfigNode node) {
    String servers = bootstrapServers(node);
    String topic = node.text("topic").orElse(Topics.TELEMETRY_RAW);
    if (!TOPIC.matcher(topic).matches()) {
      throw node.fail("topic", "must be 1 to 249 characters A-Z a-z 0-9 . _ -, was " + topic);
    }
    Optional<String> username = node.text("username");
    String protocol =
        node.choice(
            "securityProtocol",
            username.isPresent() ? "SASL_PLAINTEXT" : "PLAINTEXT",
            KafkaUplinkConfig.SECURITY_PROTOCOLS);
    boolean sasl = !protocol.equals("PLAINTEXT");
    boolean tls = protocol.equals("SASL_SSL");
    if (sasl && username.isEmpty()) {
      throw node.fail("username", "missing; required for " + protocol);
    }
    if (!sasl) {
      for (String key : List.of("username", "passwordFile", "passwordEnv", "saslMechanism")) {
        if (node.has(key)) {
          throw node.fail(
              key, "not used with PLAINTEXT; set securityProtocol: SASL_SSL (or SASL_PLAINTEXT)");
        }
      }
    }
    String mechanism =
        node.choice(
            "saslMechanism", tls ? "SCRAM-SHA-512" : "PLAIN", KafkaUplinkConfig.SASL_MECHANISMS);
    Optional<Path> caFile = caFile(node, tls, "securityProtocol: SASL_SSL");
    Optional<String> password = sasl ? Optional.of(secrets.password(node)) : Optional.empty();
    return new KafkaUplinkConfig(servers, topic, protocol, mechanism, username, password, caFile);
  }

  /** The readable CA file of a TLS uplink ({@code tls}, which {@code what} names); none without. */
  private Optional<Path> caFile(ConfigNode node, boolean tls, String what) {
    Optional<Path> caFile = node.text("caFile").map(file -> baseDir.resolve(file).normalize());
    if (tls && caFile.isEmpty()) {
      throw node.fail("caFile", "missing; required for " + what);
    }
    if (!tls && caFile.isPresent()) {
      throw node.fail("caFile", "only used with " + what);
    }
    if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
      throw node.fail("caFile", "cannot read " + caFile.get());
    }
    return caFile;
  }

  private static String bootstrapServers(ConfigNode node) {
    String text = node.requiredText("bootstrapServers");
    List<String> servers = new ArrayList<>();
    for (String server : text.split(",", -1)) {
      Optional<HostPort> parsed = HostPort.parse(server.strip(), 0);
      if (parsed.isEmpty()) {
        throw node.fail(
            "bootstrapServers", "must be a comma-separated list of host:port, was " + text);
      }
      servers.add(parsed.get().toString());
    }
    return String.join(",", servers);
  }
}
