package io.plantline.ingestion.kafka;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the ingestion processes reach Kafka: bootstrap servers, security protocol and, for {@code
 * SASL_PLAINTEXT} and {@code SASL_SSL}, the SASL mechanism and credentials (and for TLS the CA to
 * trust, PEM; without one the JVM's trust store). Builds the client properties for producers,
 * consumers and admin clients. {@link #toString()} never shows the password.
 *
 * <p>Use {@link #plaintext} or {@link #saslPlain}; both validate their input and throw {@link
 * IllegalArgumentException} with a message naming the bad value.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param securityProtocol {@code PLAINTEXT} or {@code SASL_PLAINTEXT}
 * @param username the SASL user; present exactly for the SASL protocols
 * @param password the SASL password; present exactly when the username is
 * @param saslMechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
 * @param trustedCa the CA certificate (PEM) of a {@code SASL_SSL} broker; empty: the JVM's
 */
public record KafkaSettings(
    String bootstrapServers,
    String securityProtocol,
    Optional<String> username,
    Optional<String> password,
    String saslMechanism,
    Optional<Path> trustedCa) {

  /** Protocol without authentication or encryption (development only). */
  public static final String PLAINTEXT = "PLAINTEXT";

  /** SASL authentication without TLS, as the embedded broker of the testkit speaks it. */
  public static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";

  /** SASL authentication over TLS, as the secured demo broker speaks it. */
  public static final String SASL_SSL = "SASL_SSL";

  /** The accepted {@link #securityProtocol()} values. */
  public static final List<String> SECURITY_PROTOCOLS =
      List.of(PLAINTEXT, SASL_PLAINTEXT, SASL_SSL);

  /** The accepted {@link #saslMechanism()} values. */
  public static final List<String> SASL_MECHANISMS =
      List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  /** Settings without TLS: SASL/PLAIN when {@code securityProtocol} is {@code SASL_PLAINTEXT}. */
  public KafkaSettings(
      String bootstrapServers,
      String securityProtocol,
      Optional<String> username,
      Optional<String> password) {
    this(bootstrapServers, securityProtocol, username, password, "PLAIN", Optional.empty());
  }

  /** Validates the servers, the protocol and that credentials come exactly with SASL. */
  public KafkaSettings {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    bootstrapServers = checkBootstrapServers(bootstrapServers);
    if (!SECURITY_PROTOCOLS.contains(securityProtocol)) {
      throw new IllegalArgumentException(
          "security protocol must be one of " + SECURITY_PROTOCOLS + ", was " + securityProtocol);
    }
    boolean sasl = !PLAINTEXT.equals(securityProtocol);
    if (sasl != username.isPresent() || sasl != password.isPresent()) {
      throw new IllegalArgumentException(
          "a username and a password are needed for SASL_PLAINTEXT and SASL_SSL and only for them");
    }
    if (!SASL_MECHANISMS.contains(saslMechanism)) {
      throw new IllegalArgumentException(
          "SASL mechanism must be one of " + SASL_MECHANISMS + ", was " + saslMechanism);
    }
    Objects.requireNonNull(trustedCa, "trustedCa");
    if (trustedCa.isPresent() && !SASL_SSL.equals(securityProtocol)) {
      throw new IllegalArgumentException("a trusted CA is for SASL_SSL only");
    }
    username.ifPresent(u -> requireNotBlank("username", u));
    password.ifPresent(p -> requireNotBlank("password", p));
  }

  /** Settings for a broker without authentication. */
  public static KafkaSettings plaintext(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, PLAINTEXT, Optional.empty(), Optional.empty());
  }

  /** Settings for a broker that authenticates with SASL/PLAIN over plain TCP. */
  public static KafkaSettings saslPlain(String bootstrapServers, String username, String password) {
    return new KafkaSettings(
        bootstrapServers,
        SASL_PLAINTEXT,
        Optional.ofNullable(username),
        Optional.ofNullable(password));
  }

  /** Settings for a broker that authenticates with SASL ({@code mechanism}) over TLS. */
  public static KafkaSettings saslSsl(
      String bootstrapServers,
      String mechanism,
      String username,
      String password,
      Optional<Path> trustedCa) {
    return new KafkaSettings(
        bootstrapServers,
        SASL_SSL,
        Optional.ofNullable(username),
        Optional.ofNullable(password),
        mechanism,
        trustedCa);
  }

  /**
   * The common client properties: {@code bootstrap.servers}, {@code security.protocol}, with a
   * username the {@code sasl.mechanism} and its {@code sasl.jaas.config} (values quoted, so quotes
   * and backslashes in passwords are safe), with a trusted CA the PEM trust store. A fresh mutable
   * map, so callers can add to it.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("security.protocol", securityProtocol);
    username.ifPresent(
        user -> {
          properties.put("sasl.mechanism", saslMechanism);
          properties.put(
              "sasl.jaas.config", jaasConfig(saslMechanism, user, password.orElseThrow()));
        });
    trustedCa.ifPresent(
        ca -> {
          properties.put("ssl.truststore.type", "PEM");
          properties.put("ssl.truststore.location", ca.toString());
        });
    return properties;
  }

  /**
   * Properties of a producer that never loses or reorders an acknowledged record within its
   * lifetime: idempotence on, {@code acks=all}, at most 5 requests in flight per connection, a
   * short linger for batching and a bounded delivery timeout.
   *
   * @param clientId the {@code client.id}, which names the producer in broker logs and metrics
   */
  public Map<String, Object> reliableProducerProperties(String clientId) {
    requireNotBlank("clientId", clientId);
    Map<String, Object> properties = clientProperties();
    properties.put("client.id", clientId);
    properties.put("enable.idempotence", true);
    properties.put("acks", "all");
    properties.put("max.in.flight.requests.per.connection", 5);
    properties.put("linger.ms", 5);
    properties.put("batch.size", 256 * 1024);
    properties.put("compression.type", "lz4");
    properties.put("delivery.timeout.ms", 120_000);
    return properties;
  }

  /**
   * Properties of a consumer that commits offsets itself, after its side effect: {@code
   * enable.auto.commit=false}, {@code auto.offset.reset=earliest}, {@code
   * isolation.level=read_committed}.
   *
   * @param groupId the consumer group
   */
  public Map<String, Object> manualCommitConsumerProperties(String groupId) {
    requireNotBlank("groupId", groupId);
    Map<String, Object> properties = clientProperties();
    properties.put("group.id", groupId);
    properties.put("enable.auto.commit", false);
    properties.put("auto.offset.reset", "earliest");
    properties.put("isolation.level", "read_committed");
    return properties;
  }

  /** The JAAS line of the mechanism's login module, with both values quoted. */
  static String jaasConfig(String mechanism, String user, String secret) {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module
        + " required username=\""
        + jaasQuoted(user)
        + "\" password=\""
        + jaasQuoted(secret)
        + "\";";
  }

  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String checkBootstrapServers(String servers) {
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers missing");
    }
    List<String> checked = new java.util.ArrayList<>();
    for (String entry : servers.split(",")) {
      String server = entry.strip();
      int colon = server.lastIndexOf(':');
      if (colon <= 0 || colon == server.length() - 1) {
        throw new IllegalArgumentException(
            "bootstrap server must be host:port, was '" + server + "'");
      }
      int port;
      try {
        port = Integer.parseInt(server.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bootstrap server port must be a number, was '" + server + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "bootstrap server port must be 1..65535, was '" + server + "'");
      }
      checked.add(server);
    }
    return String.join(",", Collections.unmodifiableList(checked));
  }

  private static void requireNotBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", securityProtocol="
        + securityProtocol
        + ", saslMechanism="
        + saslMechanism
        + ", username="
        + username.orElse("none")
        + ", password="
        + (password.isPresent() ? "****" : "none")
        + ", trustedCa="
        + trustedCa.map(Path::toString).orElse("none")
        + "]";
  }
}
