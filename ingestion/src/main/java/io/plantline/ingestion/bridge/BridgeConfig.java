package io.plantline.ingestion.bridge;

import io.plantline.ingestion.cli.MqttLogin;
import io.plantline.ingestion.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the MQTT→Kafka bridge, validated. {@link #toString()} never shows passwords.
 *
 * @param mqtt the broker address
 * @param mqttUsername the MQTT user
 * @param mqttPassword the MQTT password
 * @param caFile PEM CA certificate(s) to trust for {@code mqtts://}; empty means the JVM's trust
 *     store
 * @param clientId the MQTT client id; stable across restarts so the broker keeps the persistent
 *     session (subscriptions and unacknowledged messages)
 * @param subscription how the bridge subscribes (direct or shared, every site or one)
 * @param kafka how to reach Kafka
 * @param httpHost address of the health and metrics server
 * @param httpPort its port; 0 picks a free one
 * @param dedupWindow recent sequence numbers remembered per source
 * @param gapGrace how long skipped sequence numbers may take to arrive (out of order) before they
 *     are reported as a gap
 * @param sourceIdleTtl how long the dedup state of an idle device is kept
 * @param maxTrackedDevices the most devices whose dedup state is kept
 * @param holdBeforeKafka TEST ONLY: how long each message waits between MQTT receipt and the Kafka
 *     send, to widen the crash window in tests; zero in production
 */
public record BridgeConfig(
    MqttEndpoint mqtt,
    String mqttUsername,
    String mqttPassword,
    Optional<Path> caFile,
    String clientId,
    MqttSubscription subscription,
    KafkaSettings kafka,
    String httpHost,
    int httpPort,
    int dedupWindow,
    Duration gapGrace,
    Duration sourceIdleTtl,
    int maxTrackedDevices,
    Duration holdBeforeKafka) {

  /** The broker login these settings make. */
  public MqttLogin login() {
    return new MqttLogin(mqtt, mqttUsername, mqttPassword, caFile);
  }

  /** Checks required values and ranges; messages name the setting. */
  public BridgeConfig {
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(gapGrace, "gapGrace");
    Objects.requireNonNull(sourceIdleTtl, "sourceIdleTtl");
    if (gapGrace.isNegative()) {
      throw new IllegalArgumentException("gapGrace must not be negative");
    }
    Objects.requireNonNull(holdBeforeKafka, "holdBeforeKafka");
    if (mqttUsername == null || mqttUsername.isBlank()) {
      throw new IllegalArgumentException("mqttUsername missing");
    }
    if (mqttPassword == null || mqttPassword.isEmpty()) {
      throw new IllegalArgumentException("mqttPassword missing");
    }
    if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
      throw new IllegalArgumentException("clientId must be 1..128 characters");
    }
    Objects.requireNonNull(subscription, "subscription");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be 0..65535");
    }
    if (caFile.isPresent() && !mqtt.tls()) {
      throw new IllegalArgumentException("caFile needs an mqtts:// URL");
    }
  }

  @Override
  public String toString() {
    return "BridgeConfig[mqtt="
        + mqtt
        + ", mqttUsername="
        + mqttUsername
        + ", mqttPassword=****, caFile="
        + caFile.map(Path::toString).orElse("none")
        + ", clientId="
        + clientId
        + ", subscription="
        + subscription
        + ", kafka="
        + kafka
        + ", http="
        + httpHost
        + ":"
        + httpPort
        + ", dedupWindow="
        + dedupWindow
        + ", gapGrace="
        + gapGrace
        + ", sourceIdleTtl="
        + sourceIdleTtl
        + ", maxTrackedDevices="
        + maxTrackedDevices
        + (holdBeforeKafka.isZero() ? "" : ", TEST-ONLY holdBeforeKafka=" + holdBeforeKafka)
        + "]";
  }
}
