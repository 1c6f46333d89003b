package io.plantline.ingestion.store;

import io.plantline.ingestion.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Picocli options that reach Kafka, turned into {@link KafkaSettings}. */
public final class KafkaOptions {
  @Option(
      names = "--kafka-bootstrap-servers",
      defaultValue = "${env:PLANTLINE_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description = "host:port[,host:port] (env PLANTLINE_KAFKA_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(
      names = "--kafka-security-protocol",
      defaultValue = "${env:PLANTLINE_KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}",
      description = "PLAINTEXT or SASL_PLAINTEXT (env PLANTLINE_KAFKA_SECURITY_PROTOCOL)")
  String securityProtocol;

  @Option(
      names = "--kafka-username",
      defaultValue = "${env:PLANTLINE_KAFKA_USERNAME}",
      description = "SASL/PLAIN user (env PLANTLINE_KAFKA_USERNAME)")
  String username;

  @Option(
      names = "--kafka-password-file",
      defaultValue = "${env:PLANTLINE_KAFKA_PASSWORD_FILE}",
      description = "file holding the SASL/PLAIN password")
  Path passwordFile;

  @Option(
      names = "--kafka-password-env",
      defaultValue = "${env:PLANTLINE_KAFKA_PASSWORD_ENV}",
      description = "name of the environment variable holding the SASL/PLAIN password")
  String passwordEnv;

  /** The validated settings. */
  public KafkaSettings settings(Map<String, String> env) {
    Optional<String> password =
        Secrets.read(
            "--kafka-password-file", passwordFile, "--kafka-password-env", passwordEnv, env);
    Optional<String> user = Optional.ofNullable(username).filter(u -> !u.isBlank());
    String option =
        KafkaSettings.SECURITY_PROTOCOLS.contains(securityProtocol)
            ? (user.isEmpty() ? "--kafka-username" : "--kafka-password-file")
            : "--kafka-security-protocol";
    String servers =
        ConfigException.check(
            "--kafka-bootstrap-servers",
            () -> KafkaSettings.plaintext(bootstrapServers).bootstrapServers());
    return ConfigException.check(
        option, () -> new KafkaSettings(servers, securityProtocol, user, password));
  }
}
