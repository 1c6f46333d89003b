package io.plantline.ingestion.bridge;

import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.MqttTopic;

/** What {@link PayloadValidator} made of one MQTT message. */
public sealed interface Verdict {

  /** A valid telemetry batch whose topic matches it. */
  record Telemetry(MqttTopic topic, TelemetryBatch batch) implements Verdict {}

  /** A valid device status whose topic matches it. */
  record Status(MqttTopic topic, DeviceStatus status) implements Verdict {}

  /** A message that goes to the dead-letter topic. */
  record Rejected(Rejection rejection) implements Verdict {}
}
