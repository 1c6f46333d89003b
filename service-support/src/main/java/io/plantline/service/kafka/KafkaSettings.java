package io.plantline.service.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the service reaches Kafka: bootstrap servers and, for SASL/PLAIN, a user and its password.
 * {@link #toString()} never shows the password.
 *
 * @param bootstrapServers {@code host:port[,host:port]}
 * @param username SASL/PLAIN user; empty means PLAINTEXT
 * @param password the user's password, present exactly when the user is
 */
public record KafkaSettings(
    String bootstrapServers, Optional<String> username, Optional<String> password) {

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
  }

  /** The common client properties: servers, protocol and, with a user, the SASL login. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    if (username.isEmpty()) {
      properties.put("security.protocol", "PLAINTEXT");
    } else {
      properties.put("security.protocol", "SASL_PLAINTEXT");
      properties.put("sasl.mechanism", "PLAIN");
      properties.put(
          "sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
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
    return "KafkaSettings[" + bootstrapServers + ", user=" + username.orElse("-") + "]";
  }
}
