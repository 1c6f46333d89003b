package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryReading;

/** JSON codec of {@link TelemetryReading}. */
final class TelemetryReadingCodec extends JsonCodec<TelemetryReading> {

  @Override
  TelemetryReading read(JsonFields f) {
    int schemaVersion = f.schemaVersion(TelemetryReading.SUPPORTED_SCHEMA_VERSIONS);
    return new TelemetryReading(
        f.uuid("eventId"),
        schemaVersion,
        f.string("deviceId"),
        f.string("siteId"),
        f.string("areaId"),
        f.string("metric"),
        f.number("value"),
        f.string("unit"),
        f.enumValue("quality", Quality.class),
        f.instant("sourceTime"),
        f.instant("gatewayTime"),
        f.longInteger("bootEpoch"),
        f.longInteger("seq"));
  }

  @Override
  void write(TelemetryReading reading, ObjectNode node) {
    put(node, "eventId", reading.eventId());
    node.put("schemaVersion", reading.schemaVersion());
    node.put("deviceId", reading.deviceId());
    node.put("siteId", reading.siteId());
    node.put("areaId", reading.areaId());
    node.put("metric", reading.metric());
    node.put("value", reading.value());
    node.put("unit", reading.unit());
    put(node, "quality", reading.quality());
    put(node, "sourceTime", reading.sourceTime());
    put(node, "gatewayTime", reading.gatewayTime());
    node.put("bootEpoch", reading.bootEpoch());
    node.put("seq", reading.seq());
  }
}
