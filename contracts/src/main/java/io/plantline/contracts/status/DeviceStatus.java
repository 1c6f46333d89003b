package io.plantline.contracts.status;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A device's birth or death, published on {@code plantline/v1/{site}/{area}/{deviceId}/status}.
 *
 * <p>A BIRTH is published retained when the gateway's session for the device starts; a DEATH is
 * either published on orderly shutdown or delivered by the broker as the MQTT last will. A
 * last-will payload is fixed when the will is registered, so its {@code occurredAt} is the
 * registration time; consumers that need the disconnect time use the time they received the
 * message. A DEATH whose {@code bootEpoch} is older than the latest BIRTH's is stale and must be
 * ignored.
 *
 * <p>The MQTT bridge also publishes {@link DeviceState#GAP} events to Kafka when a device's
 * telemetry sequence numbers jump; their {@code reason} names the missing range.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param deviceId the device; the Kafka key
 * @param siteId site of the device
 * @param areaId area of the device within its site
 * @param state BIRTH or DEATH, or GAP when the MQTT bridge reports missing telemetry (see {@link
 *     DeviceState#GAP}); a GAP is published by the bridge to {@code device.status.v1}, never on
 *     MQTT
 * @param bootEpoch the gateway's boot epoch the state belongs to
 * @param occurredAt when the state change happened (see above for last wills)
 * @param reason optional free text, for example {@code shutdown} or {@code connection lost}; null
 *     when absent
 */
public record DeviceStatus(
    UUID eventId,
    int schemaVersion,
    String deviceId,
    String siteId,
    String areaId,
    DeviceState state,
    long bootEpoch,
    Instant occurredAt,
    String reason) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component; {@code reason} may be null but not blank. */
  public DeviceStatus {
    Checks.present("eventId", eventId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("deviceId", deviceId);
    Ids.require("siteId", siteId);
    Ids.require("areaId", areaId);
    Checks.present("state", state);
    Checks.nonNegative("bootEpoch", bootEpoch);
    Checks.present("occurredAt", occurredAt);
    Checks.optionalText("reason", reason);
  }

  /** The reason, if one was given. */
  public Optional<String> optionalReason() {
    return Optional.ofNullable(reason);
  }
}
