package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;

/** JSON codec of {@link TelemetryBatch}. */
final class TelemetryBatchCodec extends JsonCodec<TelemetryBatch> {

  @Override
  TelemetryBatch read(JsonFields f) {
    int schemaVersion = f.schemaVersion(TelemetryBatch.SUPPORTED_SCHEMA_VERSIONS);
    return new TelemetryBatch(
        f.uuid("eventId"),
        schemaVersion,
        f.string("deviceId"),
        f.string("siteId"),
        f.string("areaId"),
        f.longInteger("bootEpoch"),
        f.longInteger("seq"),
        f.instant("gatewayTime"),
        readings(f));
  }

  private static List<BatchReading> readings(JsonFields f) {
    List<BatchReading> readings = new ArrayList<>();
    for (JsonFields r : f.objects("readings")) {
      readings.add(
          r.build(
              () ->
                  new BatchReading(
                      r.string("metric"),
                      r.number("value"),
                      r.string("unit"),
                      r.enumValue("quality", Quality.class),
                      r.instant("sourceTime"))));
    }
    return readings;
  }

  @Override
  void write(TelemetryBatch batch, ObjectNode node) {
    put(node, "eventId", batch.eventId());
    node.put("schemaVersion", batch.schemaVersion());
    node.put("deviceId", batch.deviceId());
    node.put("siteId", batch.siteId());
    node.put("areaId", batch.areaId());
    node.put("bootEpoch", batch.bootEpoch());
    node.put("seq", batch.seq());
    put(node, "gatewayTime", batch.gatewayTime());
    ArrayNode readings = node.putArray("readings");
    for (int i = 0; i < batch.readings().size(); i++) {
      BatchReading reading = batch.readings().get(i);
      ObjectNode r = readings.addObject();
      r.put("metric", reading.metric());
      r.put("value", reading.value());
      r.put("unit", reading.unit());
      put(r, "quality", reading.quality());
      int index = i;
      put(r, "sourceTime", reading.sourceTime(), () -> "readings[" + index + "].sourceTime");
    }
  }
}
