package io.plantline.ingestion.bridge;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.MqttTopic;
import java.util.Optional;

/**
 * Checks one MQTT message against the contracts: the topic must parse as a Plantline device topic;
 * the payload must decode with the strict codec of the topic's kind (schema version, required
 * fields, finite values, at most 64 KiB); and the payload's site, area and device must be the
 * topic's. A {@link DeviceState#GAP} status is refused on MQTT: only the bridge reports gaps.
 * Stateless and thread-safe.
 */
public final class PayloadValidator {

  /** Validates a message received on {@code topicName}. */
  public Verdict validate(String topicName, byte[] payload) {
    MqttTopic topic;
    try {
      topic = MqttTopic.parse(topicName);
    } catch (ContractViolationException e) {
      return new Verdict.Rejected(
          new Rejection(
              RejectionCategory.BAD_TOPIC,
              "topic",
              e.field() + ": " + e.reason(),
              Optional.empty()));
    }
    try {
      return switch (topic.kind()) {
        case TELEMETRY -> telemetry(topic, Codecs.TELEMETRY_BATCH.decode(payload));
        case STATUS -> status(topic, Codecs.DEVICE_STATUS.decode(payload));
        case COMMAND, COMMAND_RESULT ->
            new Verdict.Rejected(
                new Rejection(
                    RejectionCategory.BAD_TOPIC,
                    "topic",
                    "the bridge forwards telemetry and status only, not " + topic.kind().segment(),
                    Optional.of(topic.deviceId())));
      };
    } catch (ContractViolationException e) {
      return new Verdict.Rejected(Rejection.of(e, topic.deviceId()));
    }
  }

  private static Verdict telemetry(MqttTopic topic, TelemetryBatch batch) {
    Optional<Rejection> mismatch =
        mismatch(topic, batch.siteId(), batch.areaId(), batch.deviceId());
    return mismatch
        .<Verdict>map(Verdict.Rejected::new)
        .orElseGet(() -> new Verdict.Telemetry(topic, batch));
  }

  private static Verdict status(MqttTopic topic, DeviceStatus status) {
    if (status.state() == DeviceState.GAP) {
      return new Verdict.Rejected(
          new Rejection(
              RejectionCategory.INVALID_VALUE,
              "state",
              "GAP is reported by the bridge, not accepted on MQTT",
              Optional.of(topic.deviceId())));
    }
    Optional<Rejection> mismatch =
        mismatch(topic, status.siteId(), status.areaId(), status.deviceId());
    return mismatch
        .<Verdict>map(Verdict.Rejected::new)
        .orElseGet(() -> new Verdict.Status(topic, status));
  }

  private static Optional<Rejection> mismatch(
      MqttTopic topic, String siteId, String areaId, String deviceId) {
    String field = null;
    String payloadValue = null;
    String topicValue = null;
    if (!topic.deviceId().equals(deviceId)) {
      field = "deviceId";
      payloadValue = deviceId;
      topicValue = topic.deviceId();
    } else if (!topic.siteId().equals(siteId)) {
      field = "siteId";
      payloadValue = siteId;
      topicValue = topic.siteId();
    } else if (!topic.areaId().equals(areaId)) {
      field = "areaId";
      payloadValue = areaId;
      topicValue = topic.areaId();
    }
    if (field == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Rejection(
            RejectionCategory.TOPIC_MISMATCH,
            field,
            "payload has '" + payloadValue + "', topic has '" + topicValue + "'",
            Optional.of(topic.deviceId())));
  }
}
