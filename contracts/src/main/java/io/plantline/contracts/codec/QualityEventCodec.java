package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.quality.QualityEvent;
import io.plantline.contracts.quality.QualityEventKind;

/**
 * JSON codec of {@link QualityEvent}; {@code patternSubgroups} is an array of integers, {@code
 * figures} an object of finite numbers.
 */
final class QualityEventCodec extends JsonCodec<QualityEvent> {

  @Override
  QualityEvent read(JsonFields f) {
    int schemaVersion = f.schemaVersion(QualityEvent.SUPPORTED_SCHEMA_VERSIONS);
    return new QualityEvent(
        f.uuid("eventId"),
        schemaVersion,
        f.enumValue("kind", QualityEventKind.class),
        f.string("characteristicId"),
        f.string("deviceId"),
        f.string("siteId"),
        f.string("areaId"),
        f.string("metric"),
        f.string("ruleId"),
        f.string("chart"),
        f.string("alarmId"),
        f.integer("limitVersion"),
        f.longInteger("subgroup"),
        f.longIntegers("patternSubgroups"),
        f.instant("occurredAt"),
        f.string("message"),
        f.numberMap("figures"));
  }

  @Override
  void write(QualityEvent event, ObjectNode node) {
    put(node, "eventId", event.eventId());
    node.put("schemaVersion", event.schemaVersion());
    put(node, "kind", event.kind());
    node.put("characteristicId", event.characteristicId());
    node.put("deviceId", event.deviceId());
    node.put("siteId", event.siteId());
    node.put("areaId", event.areaId());
    node.put("metric", event.metric());
    node.put("ruleId", event.ruleId());
    node.put("chart", event.chart());
    node.put("alarmId", event.alarmId());
    node.put("limitVersion", event.limitVersion());
    node.put("subgroup", event.subgroup());
    ArrayNode pattern = node.putArray("patternSubgroups");
    event.patternSubgroups().forEach(pattern::add);
    put(node, "occurredAt", event.occurredAt());
    node.put("message", event.message());
    put(node, "figures", event.figures());
  }
}
