package io.plantline.service.cli;

import io.plantline.service.cassandra.CassandraSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** The Cassandra options; a user's password comes from a file or an environment variable. */
public final class CassandraOptions {
  @Option(
      names = "--cassandra-contact-points",
      defaultValue = "${env:PLANTLINE_CASSANDRA_CONTACT_POINTS:-127.0.0.1:9042}",
      description =
          "host:port[,host:port]; default ${DEFAULT-VALUE} (env PLANTLINE_CASSANDRA_CONTACT_POINTS)")
  String contactPoints;

  @Option(
      names = "--cassandra-datacenter",
      defaultValue = "${env:PLANTLINE_CASSANDRA_DATACENTER:-datacenter1}",
      description =
          "local datacenter; default ${DEFAULT-VALUE} (env PLANTLINE_CASSANDRA_DATACENTER)")
  String datacenter;

  @Option(
      names = "--cassandra-username",
      defaultValue = "${env:PLANTLINE_CASSANDRA_USERNAME}",
      description = "login (env PLANTLINE_CASSANDRA_USERNAME)")
  String username;

  @Option(
      names = "--cassandra-password-file",
      defaultValue = "${env:PLANTLINE_CASSANDRA_PASSWORD_FILE}",
      description = "file holding the password (env PLANTLINE_CASSANDRA_PASSWORD_FILE)")
  Path passwordFile;

  @Option(
      names = "--cassandra-password-env",
      defaultValue = "PLANTLINE_CASSANDRA_PASSWORD",
      description =
          "name of the environment variable holding the password (default ${DEFAULT-VALUE})")
  String passwordEnv;

  @Option(
      names = "--cassandra-replication-factor",
      defaultValue = "${env:PLANTLINE_CASSANDRA_REPLICATION_FACTOR:-1}",
      description = "replication factor when the keyspace is created; default ${DEFAULT-VALUE}")
  String replicationFactor;

  /**
   * The validated settings; each service has its own {@code --cassandra-keyspace} option and passes
   * its value here.
   *
   * @throws OptionException naming the first wrong option
   */
  public CassandraSettings settings(UnaryOperator<String> environment, String keyspace) {
    var points =
        OptionException.check(
            "--cassandra-contact-points",
            () -> CassandraSettings.parseContactPoints(contactPoints));
    Optional<String> user = Optional.ofNullable(username).filter(u -> !u.isBlank());
    Optional<String> password = Optional.empty();
    if (user.isPresent()) {
      boolean hasFile = passwordFile != null && !passwordFile.toString().isBlank();
      password =
          new Secrets(environment)
              .optional(
                  "--cassandra-password-file",
                  passwordFile,
                  "--cassandra-password-env",
                  hasFile ? null : passwordEnv);
      if (password.isEmpty()) {
        throw new OptionException(
            "--cassandra-password-file", "a --cassandra-username needs a password (file or env)");
      }
    }
    int rf =
        OptionException.check(
            "--cassandra-replication-factor", () -> Integer.parseInt(replicationFactor.strip()));
    if (rf < 1 || rf > 9) {
      throw new OptionException("--cassandra-replication-factor", "must be 1..9, was " + rf);
    }
    Optional<String> secret = password;
    return OptionException.check(
        "--cassandra-keyspace",
        () -> new CassandraSettings(points, datacenter, user, secret, keyspace, rf));
  }
}
