package io.plantline.contracts.telemetry;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One telemetry point, as consumers that need single points (stores, Flink jobs) see it after
 * {@link TelemetryBatch#flatten() flattening} a batch.
 *
 * <p>{@code occurredAt}, which every Plantline event carries, is the batch's {@code gatewayTime}
 * here (see {@link #occurredAt()}); {@code sourceTime} is when the value was measured and is the
 * time to use for event-time windows. {@code (deviceId, bootEpoch, seq)} identifies the batch the
 * reading came from; {@code (deviceId, bootEpoch, seq, metric)} identifies the reading.
 *
 * @param eventId unique id, derived from the batch's eventId and the metric when flattened
 * @param schemaVersion schema version of this record, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param deviceId device that produced the value; the Kafka key
 * @param siteId site of the device
 * @param areaId area of the device within its site
 * @param metric metric name
 * @param value finite measured value
 * @param unit unit of measure
 * @param quality the gateway's verdict on the value
 * @param sourceTime when the value was measured
 * @param gatewayTime when the gateway published the batch holding the value
 * @param bootEpoch the gateway's boot epoch; changes when the gateway restarts
 * @param seq the batch's sequence number per device within one boot epoch
 */
public record TelemetryReading(
    UUID eventId,
    int schemaVersion,
    String deviceId,
    String siteId,
    String areaId,
    String metric,
    double value,
    String unit,
    Quality quality,
    Instant sourceTime,
    Instant gatewayTime,
    long bootEpoch,
    long seq) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component; failures name the field. */
  public TelemetryReading {
    Checks.present("eventId", eventId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("deviceId", deviceId);
    Ids.require("siteId", siteId);
    Ids.require("areaId", areaId);
    Ids.require("metric", metric);
    Checks.finite("value", value);
    Checks.unit("unit", unit);
    Checks.present("quality", quality);
    Checks.present("sourceTime", sourceTime);
    Checks.present("gatewayTime", gatewayTime);
    Checks.nonNegative("bootEpoch", bootEpoch);
    Checks.nonNegative("seq", seq);
  }

  /** The event time common to all Plantline events: for telemetry, the gateway's publish time. */
  public Instant occurredAt() {
    return gatewayTime;
  }
}
