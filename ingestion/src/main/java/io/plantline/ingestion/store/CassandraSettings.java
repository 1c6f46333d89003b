package io.plantline.ingestion.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach Cassandra and where the history lives.
 *
 * @param contactPoints {@code host:port} of one or more nodes
 * @param localDatacenter the driver's local datacenter
 * @param username login, if Cassandra requires one
 * @param password password of {@code username}
 * @param keyspace keyspace of the history tables
 * @param replicationFactor replication factor of the keyspace when it is created
 * @param readingsTtl default TTL of {@code reading_batches_by_device_day}; zero keeps readings
 *     forever
 */
public record CassandraSettings(
    List<InetSocketAddress> contactPoints,
    String localDatacenter,
    Optional<String> username,
    Optional<String> password,
    String keyspace,
    int replicationFactor,
    Duration readingsTtl) {

  private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  /** Validates every component; messages name the bad value. */
  public CassandraSettings {
    contactPoints = List.copyOf(contactPoints);
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("at least one contact point is needed");
    }
    if (localDatacenter == null || localDatacenter.isBlank()) {
      throw new IllegalArgumentException("local datacenter must not be blank");
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("a username needs a password and the other way round");
    }
    if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "keyspace must match [a-z][a-z0-9_]{0,47}, was '" + keyspace + "'");
    }
    if (replicationFactor < 1 || replicationFactor > 9) {
      throw new IllegalArgumentException(
          "replication factor must be 1..9, was " + replicationFactor);
    }
    if (readingsTtl.isNegative() || readingsTtl.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("readings TTL must be zero or positive, in seconds range");
    }
  }

  /** Parses {@code host:port[,host:port...]}. */
  public static List<InetSocketAddress> parseContactPoints(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("contact points missing");
    }
    List<InetSocketAddress> points = new ArrayList<>();
    for (String entry : text.split(",")) {
      String point = entry.strip();
      int colon = point.lastIndexOf(':');
      if (colon <= 0 || colon == point.length() - 1) {
        throw new IllegalArgumentException("contact point must be host:port, was '" + point + "'");
      }
      int port;
      try {
        port = Integer.parseInt(point.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("contact point port must be a number: '" + point + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("contact point port must be 1..65535: '" + point + "'");
      }
      points.add(InetSocketAddress.createUnresolved(point.substring(0, colon), port));
    }
    return points;
  }

  /** Opens a session (no keyspace selected; statements name it). */
  public CqlSession openSession() {
    CqlSessionBuilder builder =
        CqlSession.builder()
            .withLocalDatacenter(localDatacenter)
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                    .withDuration(
                        DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
                    .withDuration(
                        DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                        Duration.ofSeconds(20))
                    .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 2048)
                    .build());
    for (InetSocketAddress point : contactPoints) {
      builder.addContactPoint(new InetSocketAddress(point.getHostString(), point.getPort()));
    }
    username.ifPresent(user -> builder.withAuthCredentials(user, password.orElseThrow()));
    return builder.build();
  }

  @Override
  public String toString() {
    return "CassandraSettings["
        + contactPoints
        + ", dc="
        + localDatacenter
        + ", user="
        + username.orElse("none")
        + ", keyspace="
        + keyspace
        + ", rf="
        + replicationFactor
        + ", ttl="
        + readingsTtl
        + "]";
  }
}
