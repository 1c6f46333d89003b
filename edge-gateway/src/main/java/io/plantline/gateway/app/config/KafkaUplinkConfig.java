package io.plantline.gateway.app.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kafka uplink: brokers, topic and, for {@code SASL_PLAINTEXT}, SASL/PLAIN credentials. {@link
 * #toString()} never shows the password.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param topic the telemetry topic, e.g. {@code telemetry.raw.v1}
 * @param securityProtocol {@code PLAINTEXT} or {@code SASL_PLAINTEXT}
 * @param username the SASL user; set exactly for {@code SASL_PLAINTEXT}
 * @param password the SASL password; set exactly when the username is
 */
public record KafkaUplinkConfig(
    String bootstrapServers,
    String topic,
    String securityProtocol,
    Optional<String> username,
    Optional<String> password) {

  /** The accepted {@link #securityProtocol()} values. */
  public static final List<String> SECURITY_PROTOCOLS = List.of("PLAINTEXT", "SASL_PLAINTEXT");

  /** Checks that credentials are given exactly for {@code SASL_PLAINTEXT}. */
  public KafkaUplinkConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (!SECURITY_PROTOCOLS.contains(securityProtocol)) {
      throw new IllegalArgumentException(
          "securityProtocol must be one of " + SECURITY_PROTOCOLS + ": " + securityProtocol);
    }
    boolean sasl = securityProtocol.equals("SASL_PLAINTEXT");
    if (sasl != username.isPresent() || sasl != password.isPresent()) {
      throw new IllegalArgumentException(
          "username and password are needed for SASL_PLAINTEXT and only for it");
    }
  }

  /**
   * The client properties for a producer: {@code bootstrap.servers}, {@code security.protocol} and,
   * when a username is set, {@code sasl.mechanism=PLAIN} with its {@code sasl.jaas.config}.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("security.protocol", securityProtocol);
    username.ifPresent(
        user -> {
          properties.put("sasl.mechanism", "PLAIN");
          properties.put(
              "sasl.jaas.config",
              "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                  + jaasQuoted(user)
                  + "\" password=\""
                  + jaasQuoted(password.orElseThrow())
                  + "\";");
        });
    return Collections.unmodifiableMap(properties);
  }

  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "KafkaUplinkConfig[bootstrapServers="
        + bootstrapServers
        + ", topic="
        + topic
        + ", securityProtocol="
        + securityProtocol
        + ", username="
        + username.orElse("none")
        + ", password="
        + (password.isPresent() ? "****" : "none")
        + "]";
  }
}
