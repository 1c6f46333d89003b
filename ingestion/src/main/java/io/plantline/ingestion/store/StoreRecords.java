package io.plantline.ingestion.store;

import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.util.List;

/**
 * The decoded records of one flush, handed to a {@link StoreSink} in Kafka order per partition.
 *
 * @param telemetry telemetry batches from {@code telemetry.raw.v1}
 * @param statuses device status events from {@code device.status.v1}
 */
public record StoreRecords(List<TelemetryBatch> telemetry, List<DeviceStatus> statuses) {

  /** Copies both lists. */
  public StoreRecords {
    telemetry = List.copyOf(telemetry);
    statuses = List.copyOf(statuses);
  }

  /** Number of telemetry points (readings) in the flush. */
  public int points() {
    int points = 0;
    for (TelemetryBatch batch : telemetry) {
      points += batch.readings().size();
    }
    return points;
  }

  /** Whether there is nothing to write. */
  public boolean isEmpty() {
    return telemetry.isEmpty() && statuses.isEmpty();
  }
}
