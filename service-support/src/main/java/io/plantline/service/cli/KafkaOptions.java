package io.plantline.service.cli;

import io.plantline.service.kafka.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The Kafka options; without a user the connection is {@code PLAINTEXT}, with one SASL ({@code
 * --kafka-sasl-mechanism}) with a password from a file or an environment variable, over TLS ({@code
 * SASL_SSL}) when {@code --kafka-tls} or a {@code --kafka-ca-file} is given.
 */
public final class KafkaOptions {

  @Option(
      names = "--kafka-bootstrap-servers",
      defaultValue = "${env:PLANTLINE_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description =
          "Kafka bootstrap servers, host:port[,host:port]; default ${DEFAULT-VALUE}"
              + " (env PLANTLINE_KAFKA_BOOTSTRAP_SERVERS)")
  String bootstrap;

  @Option(
      names = "--kafka-username",
      defaultValue = "${env:PLANTLINE_KAFKA_USERNAME}",
      description = "SASL user; none means PLAINTEXT (env PLANTLINE_KAFKA_USERNAME)")
  String username;

  @Option(
      names = "--kafka-sasl-mechanism",
      defaultValue = "${env:PLANTLINE_KAFKA_SASL_MECHANISM:-PLAIN}",
      description =
          "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (default ${DEFAULT-VALUE};"
              + " env PLANTLINE_KAFKA_SASL_MECHANISM)")
  String mechanism;

  @Option(
      names = "--kafka-tls",
      defaultValue = "${env:PLANTLINE_KAFKA_TLS:-false}",
      description =
          "TLS to the broker (SASL_SSL), trusting the JVM's CAs unless --kafka-ca-file"
              + " (env PLANTLINE_KAFKA_TLS)")
  boolean tls;

  @Option(
      names = "--kafka-ca-file",
      defaultValue = "${env:PLANTLINE_KAFKA_CA_FILE}",
      description =
          "CA certificate (PEM) of the broker; implies --kafka-tls (env PLANTLINE_KAFKA_CA_FILE)")
  Path caFile;

  @Option(
      names = "--kafka-password-file",
      defaultValue = "${env:PLANTLINE_KAFKA_PASSWORD_FILE}",
      description = "file holding the SASL password (env PLANTLINE_KAFKA_PASSWORD_FILE)")
  Path passwordFile;

  @Option(
      names = "--kafka-password-env",
      defaultValue = "PLANTLINE_KAFKA_PASSWORD",
      description =
          "name of the environment variable holding the SASL password (default ${DEFAULT-VALUE})")
  String passwordEnv;

  /**
   * The validated settings.
   *
   * @throws OptionException naming the wrong option
   */
  public KafkaSettings settings(UnaryOperator<String> environment) {
    Optional<String> user = Optional.ofNullable(username).filter(u -> !u.isBlank());
    Optional<String> password = Optional.empty();
    if (user.isPresent()) {
      boolean hasFile = passwordFile != null && !passwordFile.toString().isBlank();
      password =
          new Secrets(environment)
              .optional(
                  "--kafka-password-file",
                  passwordFile,
                  "--kafka-password-env",
                  hasFile ? null : passwordEnv);
      if (password.isEmpty()) {
        throw new OptionException(
            "--kafka-password-file", "a --kafka-username needs a password (file or env)");
      }
    }
    if (!KafkaSettings.SASL_MECHANISMS.contains(mechanism)) {
      throw new OptionException(
          "--kafka-sasl-mechanism",
          "must be one of " + KafkaSettings.SASL_MECHANISMS + ", was " + mechanism);
    }
    Optional<Path> ca = Optional.ofNullable(caFile).filter(f -> !f.toString().isBlank());
    if (ca.isPresent() && !Files.isReadable(ca.get())) {
      throw new OptionException("--kafka-ca-file", "cannot read " + ca.get());
    }
    if ((tls || ca.isPresent()) && user.isEmpty()) {
      throw new OptionException("--kafka-tls", "TLS to Kafka needs a --kafka-username (SASL_SSL)");
    }
    Optional<String> secret = password;
    return OptionException.check(
        "--kafka-bootstrap-servers",
        () -> new KafkaSettings(bootstrap, user, secret, mechanism, tls || ca.isPresent(), ca));
  }
}
