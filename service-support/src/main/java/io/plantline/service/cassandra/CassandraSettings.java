package io.plantline.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the service reaches Cassandra and where its tables live. {@link #toString()} never shows the
 * password.
 *
 * @param contactPoints {@code host:port} of one or more nodes
 * @param localDatacenter the driver's local datacenter
 * @param username login, if Cassandra requires one
 * @param password password of {@code username}
 * @param keyspace keyspace of the service's tables (created if missing)
 * @param replicationFactor replication factor of the keyspace when it is created
 */
public record CassandraSettings(
    List<InetSocketAddress> contactPoints,
    String localDatacenter,
    Optional<String> username,
    Optional<String> password,
    String keyspace,
    int replicationFactor) {

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
    requireKeyspace(keyspace);
    if (replicationFactor < 1 || replicationFactor > 9) {
      throw new IllegalArgumentException(
          "replication factor must be 1..9, was " + replicationFactor);
    }
  }

  private static final java.util.regex.Pattern KEYSPACE =
      java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,47}");

  /** Validates a keyspace name (it is put into CQL text); the message names the field. */
  public static String requireKeyspace(String keyspace) {
    if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "keyspace: '" + keyspace + "' is not [a-z][a-z0-9_]{0,47}");
    }
    return keyspace;
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
      int port;
      try {
        port = colon <= 0 ? -1 : Integer.parseInt(point.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("must be host:port with port 1..65535: '" + point + "'");
      }
      points.add(InetSocketAddress.createUnresolved(point.substring(0, colon), port));
    }
    return points;
  }

  /** A session with bounded timeouts and room for many concurrent requests per connection. */
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
        + username.orElse("-")
        + ", keyspace="
        + keyspace
        + ", rf="
        + replicationFactor
        + "]";
  }
}
