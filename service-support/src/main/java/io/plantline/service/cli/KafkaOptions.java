package io.plantline.service.cli;

import io.plantline.service.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The Kafka options; without a user the connection is {@code PLAINTEXT}, with one {@code
 * SASL_PLAINTEXT} with SASL/PLAIN and a password from a file or an environment variable.
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
    Optional<String> secret = password;
    return OptionException.check(
        "--kafka-bootstrap-servers", () -> new KafkaSettings(bootstrap, user, secret));
  }
}
