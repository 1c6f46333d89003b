package io.plantline.gateway.app.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kafka uplink: brokers, topic, and for the SASL protocols the mechanism and credentials, for
 * {@code SASL_SSL} also the CA that signs the brokers' certificates. {@link #toString()} never
 * shows the password.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param topic the telemetry topic, e.g. {@code telemetry.raw.v1}
 * @param securityProtocol {@code PLAINTEXT}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
 * @param saslMechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}; used with the
 *     SASL protocols
 * @param username the SASL user; set exactly for the SASL protocols
 * @param password the SASL password; set exactly when the username is
 * @param caFile the PEM CA certificate(s) of the brokers; set exactly for {@code SASL_SSL}
 */
public record KafkaUplinkConfig(
    String bootstrapServers,
    String topic,
    String securityProtocol,
    String saslMechanism,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> caFile) {

  /** The accepted {@link #securityProtocol()} values. */
  public static final List<String> SECURITY_PROTOCOLS =
      List.of("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL");

  /** The accepted {@link #saslMechanism()} values. */
  public static final List<String> SASL_MECHANISMS =
      List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  /** Checks that credentials come exactly with SASL, and a CA file exactly with TLS. */
  public KafkaUplinkConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    if (!SECURITY_PROTOCOLS.contains(securityProtocol)) {
      throw new IllegalArgumentException(
          "securityProtocol must be one of " + SECURITY_PROTOCOLS + ": " + securityProtocol);
    }
    if (!SASL_MECHANISMS.contains(saslMechanism)) {
      throw new IllegalArgumentException(
          "saslMechanism must be one of " + SASL_MECHANISMS + ": " + saslMechanism);
    }
    boolean sasl = !securityProtocol.equals("PLAINTEXT");
    if (sasl != username.isPresent() || sasl != password.isPresent()) {
      throw new IllegalArgumentException(
          "username and password are needed for the SASL protocols and only for them");
    }
    if (securityProtocol.equals("SASL_SSL") != caFile.isPresent()) {
      throw new IllegalArgumentException("a CA file is needed for SASL_SSL and only for it");
    }
  }

  /** Whether the connection to the brokers is encrypted. */
  public boolean tls() {
    return securityProtocol.equals("SASL_SSL");
  }

  /**
   * The client properties for a producer: {@code bootstrap.servers}, {@code security.protocol},
   * with a username the {@code sasl.mechanism} and its {@code sasl.jaas.config} (values quoted),
   * with TLS the CA file as a PEM trust store (and the brokers' host names checked, Kafka's
   * default).
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("security.protocol", securityProtocol);
    username.ifPresent(
        user -> {
          properties.put("sasl.mechanism", saslMechanism);
          properties.put(
              "sasl.jaas.config",
              (saslMechanism.equals("PLAIN")
                      ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                      : "org.apache.kafka.common.security.scram.ScramLoginModule")
                  + " required username=\""
                  + jaasQuoted(user)
                  + "\" password=\""
                  + jaasQuoted(password.orElseThrow())
                  + "\";");
        });
    caFile.ifPresent(
        ca -> {
          properties.put("ssl.truststore.type", "PEM");
          properties.put("ssl.truststore.location", ca.toString());
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
        + (username.isPresent() ? ", saslMechanism=" + saslMechanism : "")
        + ", username="
        + username.orElse("none")
        + ", password="
        + (password.isPresent() ? "****" : "none")
        + ", caFile="
        + caFile.map(Path::toString).orElse("none")
        + "]";
  }
}
