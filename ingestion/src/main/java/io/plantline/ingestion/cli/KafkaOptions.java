package io.plantline.ingestion.cli;

import io.plantline.ingestion.kafka.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Kafka options every ingestion command shares; add with {@code @Mixin KafkaOptions kafka;} and
 * turn into {@link KafkaSettings} with {@link #settings(Secrets)}. Without a user the connection is
 * {@code PLAINTEXT}; with one, SASL ({@code --kafka-sasl-mechanism}), over TLS ({@code SASL_SSL})
 * when {@code --kafka-tls} or a {@code --kafka-ca-file} is given, else {@code SASL_PLAINTEXT}.
 */
public final class KafkaOptions {

  @Option(
      names = "--kafka-bootstrap-servers",
      defaultValue = "${env:PLANTLINE_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description =
          "Kafka bootstrap servers, host:port[,host:port] (env PLANTLINE_KAFKA_BOOTSTRAP_SERVERS)")
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
          "name of the environment variable holding the SASL password (default: ${DEFAULT-VALUE})")
  String passwordEnv;

  /**
   * The validated settings.
   *
   * @throws OptionException naming the wrong option
   */
  public KafkaSettings settings(Secrets secrets) {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new OptionException(
          "--kafka-bootstrap-servers", "missing (or set PLANTLINE_KAFKA_BOOTSTRAP_SERVERS)");
    }
    try {
      if (username == null || username.isBlank()) {
        return KafkaSettings.plaintext(bootstrap);
      }
      String password =
          secrets.password(
              "--kafka-password-file",
              Optional.ofNullable(passwordFile),
              "--kafka-password-env",
              Optional.ofNullable(passwordEnv));
      if (!KafkaSettings.SASL_MECHANISMS.contains(mechanism)) {
        throw new OptionException(
            "--kafka-sasl-mechanism",
            "must be one of " + KafkaSettings.SASL_MECHANISMS + ", was " + mechanism);
      }
      Optional<Path> ca = Optional.ofNullable(caFile).filter(f -> !f.toString().isBlank());
      if (ca.isPresent() && !Files.isReadable(ca.get())) {
        throw new OptionException("--kafka-ca-file", "cannot read " + ca.get());
      }
      if (tls || ca.isPresent()) {
        return KafkaSettings.saslSsl(bootstrap, mechanism, username, password, ca);
      }
      return new KafkaSettings(
          bootstrap,
          KafkaSettings.SASL_PLAINTEXT,
          Optional.of(username),
          Optional.of(password),
          mechanism,
          Optional.empty());
    } catch (OptionException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new OptionException("--kafka-bootstrap-servers", e.getMessage());
    }
  }
}
