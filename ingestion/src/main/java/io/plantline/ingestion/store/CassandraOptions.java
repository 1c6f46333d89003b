package io.plantline.ingestion.store;

import io.plantline.ingestion.cli.OptionException;
import io.plantline.ingestion.cli.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Picocli options that reach Cassandra; shared by the writers and the query API commands. */
public final class CassandraOptions {
  @Option(
      names = "--cassandra-contact-points",
      defaultValue = "${env:PLANTLINE_CASSANDRA_CONTACT_POINTS:-127.0.0.1:9042}",
      description = "host:port[,host:port] (env PLANTLINE_CASSANDRA_CONTACT_POINTS)")
  String contactPoints;

  @Option(
      names = "--cassandra-datacenter",
      defaultValue = "${env:PLANTLINE_CASSANDRA_DATACENTER:-datacenter1}",
      description = "local datacenter (env PLANTLINE_CASSANDRA_DATACENTER)")
  String datacenter;

  @Option(
      names = "--cassandra-username",
      defaultValue = "${env:PLANTLINE_CASSANDRA_USERNAME}",
      description = "login (env PLANTLINE_CASSANDRA_USERNAME)")
  String username;

  @Option(
      names = "--cassandra-password-file",
      defaultValue = "${env:PLANTLINE_CASSANDRA_PASSWORD_FILE}",
      description = "file holding the password")
  Path passwordFile;

  @Option(
      names = "--cassandra-password-env",
      defaultValue = "${env:PLANTLINE_CASSANDRA_PASSWORD_ENV}",
      description = "name of the environment variable holding the password")
  String passwordEnv;

  @Option(
      names = "--cassandra-keyspace",
      defaultValue = "${env:PLANTLINE_CASSANDRA_KEYSPACE:-plantline_history}",
      description = "keyspace of the history tables")
  String keyspace;

  @Option(
      names = "--cassandra-replication-factor",
      defaultValue = "${env:PLANTLINE_CASSANDRA_REPLICATION_FACTOR:-1}",
      description = "replication factor when the keyspace is created")
  String replicationFactor;

  @Option(
      names = "--readings-ttl",
      defaultValue = "${env:PLANTLINE_READINGS_TTL:-P90D}",
      description = "default TTL of readings, ISO-8601 (PT0S keeps them forever)")
  String readingsTtl;

  /** The validated settings. */
  public CassandraSettings settings(Map<String, String> env) {
    var points =
        OptionException.check(
            "--cassandra-contact-points",
            () -> CassandraSettings.parseContactPoints(contactPoints));
    Optional<String> password =
        new Secrets(env::get)
            .optional(
                "--cassandra-password-file", passwordFile, "--cassandra-password-env", passwordEnv);
    Optional<String> user = Optional.ofNullable(username).filter(u -> !u.isBlank());
    if (user.isPresent() != password.isPresent()) {
      throw new OptionException(
          "--cassandra-username",
          "a username needs a password (file or env) and the other way round");
    }
    int rf =
        OptionException.check(
            "--cassandra-replication-factor", () -> Integer.parseInt(replicationFactor));
    Duration ttl = OptionException.check("--readings-ttl", () -> Duration.parse(readingsTtl));
    return OptionException.check(
        "--cassandra-keyspace",
        () -> {
          if (rf < 1 || rf > 9) {
            throw new OptionException("--cassandra-replication-factor", "must be 1..9, was " + rf);
          }
          if (ttl.isNegative()) {
            throw new OptionException("--readings-ttl", "must not be negative, was " + ttl);
          }
          return new CassandraSettings(points, datacenter, user, password, keyspace, rf, ttl);
        });
  }
}
