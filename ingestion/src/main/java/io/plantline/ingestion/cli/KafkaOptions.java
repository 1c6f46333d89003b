package io.plantline.ingestion.cli;

import io.plantline.ingestion.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Kafka options every ingestion command shares; add with {@code @Mixin KafkaOptions kafka;} and
 * turn into {@link KafkaSettings} with {@link #settings(Secrets)}. Without a user the connection is
 * {@code PLAINTEXT}; with one, {@code SASL_PLAINTEXT} with SASL/PLAIN.
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
      description = "SASL/PLAIN user; none means PLAINTEXT (env PLANTLINE_KAFKA_USERNAME)")
  String username;

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
      return KafkaSettings.saslPlain(bootstrap, username, password);
    } catch (OptionException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new OptionException("--kafka-bootstrap-servers", e.getMessage());
    }
  }
}
