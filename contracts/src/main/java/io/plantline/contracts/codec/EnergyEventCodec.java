package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.energy.EnergyEvent;
import io.plantline.contracts.energy.EnergyEventKind;

/**
 * JSON codec of {@link EnergyEvent}; {@code machineId} may be absent, {@code figures} is an object
 * of finite numbers.
 */
final class EnergyEventCodec extends JsonCodec<EnergyEvent> {

  @Override
  EnergyEvent read(JsonFields f) {
    int schemaVersion = f.schemaVersion(EnergyEvent.SUPPORTED_SCHEMA_VERSIONS);
    return new EnergyEvent(
        f.uuid("eventId"),
        schemaVersion,
        f.enumValue("kind", EnergyEventKind.class),
        f.string("deviceId"),
        f.string("siteId"),
        f.optionalString("machineId"),
        f.instant("intervalStart"),
        f.instant("intervalEnd"),
        f.instant("occurredAt"),
        f.string("message"),
        f.numberMap("figures"));
  }

  @Override
  void write(EnergyEvent event, ObjectNode node) {
    put(node, "eventId", event.eventId());
    node.put("schemaVersion", event.schemaVersion());
    put(node, "kind", event.kind());
    node.put("deviceId", event.deviceId());
    node.put("siteId", event.siteId());
    putIfPresent(node, "machineId", event.machineId());
    put(node, "intervalStart", event.intervalStart());
    put(node, "intervalEnd", event.intervalEnd());
    put(node, "occurredAt", event.occurredAt());
    node.put("message", event.message());
    put(node, "figures", event.figures());
  }
}
