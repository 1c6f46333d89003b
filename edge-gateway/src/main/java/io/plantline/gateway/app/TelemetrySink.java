package io.plantline.gateway.app;

import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.telemetry.TelemetryBatch;

/** Where a device poller hands what it produced. Called on the connection's worker thread. */
interface TelemetrySink {
  /** A batch to store durably and forward; returns once it is in the journal. */
  void batch(TelemetryBatch batch);

  /** The device's link changed state (BIRTH when it came online, DEATH when it went offline). */
  void status(String deviceId, String areaId, DeviceState state, String reason);
}
