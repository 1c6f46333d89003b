package io.plantline.contracts.telemetry;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One device's readings from one poll cycle: the unit of telemetry on MQTT and on {@code
 * telemetry.raw.v1}.
 *
 * <p>{@code seq} counts batches per device within one gateway boot, so {@code (deviceId, bootEpoch,
 * seq)} is the key for dedup and gap detection. {@code occurredAt}, which every Plantline event
 * carries, is {@code gatewayTime} for telemetry (see {@link #occurredAt()}). A batch holds at least
 * one reading and at most one reading per metric.
 *
 * @param eventId unique id of the batch
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param deviceId device that produced the readings; the Kafka key
 * @param siteId site of the device
 * @param areaId area of the device within its site
 * @param bootEpoch the gateway's boot epoch; changes when the gateway restarts
 * @param seq sequence number of this batch per device within the boot epoch
 * @param gatewayTime when the gateway published the batch
 * @param readings the readings, in the order the device reported them
 */
public record TelemetryBatch(
    UUID eventId,
    int schemaVersion,
    String deviceId,
    String siteId,
    String areaId,
    long bootEpoch,
    long seq,
    Instant gatewayTime,
    List<BatchReading> readings) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component and copies {@code readings} into an unmodifiable list. */
  public TelemetryBatch {
    Checks.present("eventId", eventId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("deviceId", deviceId);
    Ids.require("siteId", siteId);
    Ids.require("areaId", areaId);
    Checks.nonNegative("bootEpoch", bootEpoch);
    Checks.nonNegative("seq", seq);
    Checks.present("gatewayTime", gatewayTime);
    readings = Checks.listCopy("readings", readings);
    if (readings.isEmpty()) {
      throw new ContractViolationException("readings", "empty");
    }
    Set<String> metrics = new HashSet<>();
    for (int i = 0; i < readings.size(); i++) {
      String metric = readings.get(i).metric();
      if (!metrics.add(metric)) {
        throw new ContractViolationException(
            "readings[" + i + "].metric", "duplicate metric " + metric);
      }
    }
  }

  /** The event time common to all Plantline events: for telemetry, the gateway's publish time. */
  public Instant occurredAt() {
    return gatewayTime;
  }

  /**
   * Splits the batch into single readings, in batch order. Each reading carries the batch's ids,
   * {@code bootEpoch}, {@code seq} and {@code gatewayTime}, and the event id {@link
   * #readingEventId(UUID, String) derived} from the batch's event id and the metric, so flattening
   * the same batch twice yields equal readings.
   */
  public List<TelemetryReading> flatten() {
    List<TelemetryReading> result = new ArrayList<>(readings.size());
    for (BatchReading r : readings) {
      result.add(
          new TelemetryReading(
              readingEventId(eventId, r.metric()),
              TelemetryReading.SCHEMA_VERSION,
              deviceId,
              siteId,
              areaId,
              r.metric(),
              r.value(),
              r.unit(),
              r.quality(),
              r.sourceTime(),
              gatewayTime,
              bootEpoch,
              seq));
    }
    return List.copyOf(result);
  }

  /**
   * The event id of the reading for {@code metric} in the batch {@code batchEventId}: the
   * name-based (version 3) UUID of the UTF-8 bytes of {@code batchEventId + "/" + metric}.
   */
  public static UUID readingEventId(UUID batchEventId, String metric) {
    Checks.present("batchEventId", batchEventId);
    Ids.require("metric", metric);
    String name = batchEventId + "/" + metric;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
