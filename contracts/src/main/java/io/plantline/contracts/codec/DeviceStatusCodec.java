package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;

/** JSON codec of {@link DeviceStatus}; {@code reason} is left out when absent. */
final class DeviceStatusCodec extends JsonCodec<DeviceStatus> {

  @Override
  DeviceStatus read(JsonFields f) {
    int schemaVersion = f.schemaVersion(DeviceStatus.SUPPORTED_SCHEMA_VERSIONS);
    return new DeviceStatus(
        f.uuid("eventId"),
        schemaVersion,
        f.string("deviceId"),
        f.string("siteId"),
        f.string("areaId"),
        f.enumValue("state", DeviceState.class),
        f.longInteger("bootEpoch"),
        f.instant("occurredAt"),
        f.optionalString("reason"));
  }

  @Override
  void write(DeviceStatus status, ObjectNode node) {
    put(node, "eventId", status.eventId());
    node.put("schemaVersion", status.schemaVersion());
    node.put("deviceId", status.deviceId());
    node.put("siteId", status.siteId());
    node.put("areaId", status.areaId());
    put(node, "state", status.state());
    node.put("bootEpoch", status.bootEpoch());
    put(node, "occurredAt", status.occurredAt());
    putIfPresent(node, "reason", status.reason());
  }
}
