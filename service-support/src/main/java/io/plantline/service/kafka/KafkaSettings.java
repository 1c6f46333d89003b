package io.plantline.service.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the service reaches Kafka: bootstrap servers and, for SASL, a user, its password and the
 * mechanism, over TLS when {@code tls}. {@link #toString()} never shows the password.
 *
 * @param bootstrapServers {@code host:port[,host:port]}
 * @param username SASL user; empty means PLAINTEXT
 * @param password the user's password, present exactly when the user is
 * @param saslMechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
 * @param tls whether to speak TLS ({@code SASL_SSL}); needs a user
 * @param trustedCa the broker's CA certificate (PEM) with TLS; empty: the JVM's trust store
 */
public record KafkaSettings(
    String bootstrapServers,
    Optional<String> username,
    Optional<String> password,
    String saslMechanism,
    boolean tls,
    Optional<Path> trustedCa) {

  /** The accepted {@link #saslMechanism()} values. */
  public static final List<String> SASL_MECHANISMS =
      List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  /** PLAINTEXT without a user, SASL/PLAIN without TLS with one. */
  public KafkaSettings(
      String bootstrapServers, Optional<String> username, Optional<String> password) {
    this(bootstrapServers, username, password, "PLAIN", false, Optional.empty());
  }

  /** Validates the servers and that a user comes with a password. */
  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers missing");
    }
    for (String server : bootstrapServers.split(",")) {
      String s = server.strip();
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || !s.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("must be host:port[,host:port], was '" + s + "'");
      }
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("a username needs a password and the other way round");
    }
    if (!SASL_MECHANISMS.contains(saslMechanism)) {
      throw new IllegalArgumentException(
          "SASL mechanism must be one of " + SASL_MECHANISMS + ", was " + saslMechanism);
    }
    if (tls && username.isEmpty()) {
      throw new IllegalArgumentException("TLS needs a SASL user (SASL_SSL)");
    }
    if (trustedCa.isPresent() && !tls) {
      throw new IllegalArgumentException("a trusted CA is for TLS only");
    }
  }

  /**
   * The common client properties: servers, protocol, with a user the SASL login, with TLS the
   * trusted CA.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    if (username.isEmpty()) {
      properties.put("security.protocol", "PLAINTEXT");
    } else {
      properties.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
      properties.put("sasl.mechanism", saslMechanism);
      trustedCa.ifPresent(
          ca -> {
            properties.put("ssl.truststore.type", "PEM");
            properties.put("ssl.truststore.location", ca.toString());
          });
      properties.put(
          "sasl.jaas.config",
          (saslMechanism.equals("PLAIN")
                  ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                  : "org.apache.kafka.common.security.scram.ScramLoginModule")
              + " required username=\""
              + quoted(username.get())
              + "\" password=\""
              + quoted(password.orElseThrow())
              + "\";");
    }
    return properties;
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "KafkaSettings["
        + bootstrapServers
        + ", user="
        + username.orElse("-")
        + (username.isPresent() ? ", " + saslMechanism : "")
        + (tls ? ", TLS" + trustedCa.map(ca -> " trusting " + ca).orElse("") : "")
        + "]";
  }
}
