package io.plantline.ingestion.bridge;

import io.plantline.contracts.ContractViolationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the bridge will not forward: its class, the offending field and the reason, as they go
 * into the dead-letter headers.
 *
 * @param category the stable class of the rejection
 * @param field path of the offending value ({@code $} for the whole payload, {@code topic} for the
 *     MQTT topic)
 * @param reason short explanation
 * @param deviceId the device, when the topic named one; the dead letter's Kafka key
 */
public record Rejection(
    RejectionCategory category, String field, String reason, Optional<String> deviceId) {

  /** Checks for nulls. */
  public Rejection {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(deviceId, "deviceId");
  }

  /** The rejection of a payload by its codec. */
  static Rejection of(ContractViolationException violation, String deviceId) {
    return new Rejection(
        RejectionCategory.of(violation),
        violation.field(),
        violation.reason(),
        Optional.ofNullable(deviceId));
  }
}
