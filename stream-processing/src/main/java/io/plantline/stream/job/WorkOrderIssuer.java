package io.plantline.stream.job;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.stream.domain.AlarmIds;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.Figures;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each alarm marked {@code opensWorkOrder} into an {@code OpenWorkOrder} command for {@code
 * workorder.commands.v1}. The work-order id and command id are name-based UUIDs of the alarm id, so
 * a replay issues the same command, which the scheduling service applies once. The command's {@code
 * evidence} holds min/max/mean of the rule's metrics over the evidence window (the same figures as
 * the RAISED {@code AlarmEvent}); the reason repeats them for a reader of plain text.
 */
public final class WorkOrderIssuer implements FlatMapFunction<AlarmRecord, EncodedEvent> {

  @Override
  public void flatMap(AlarmRecord alarm, Collector<EncodedEvent> out) {
    if (alarm.opensWorkOrder()) {
      OpenWorkOrder command = command(alarm);
      out.collect(
          new EncodedEvent(command.assetId(), Codecs.WORK_ORDER_COMMAND.encode(command), Map.of()));
    }
  }

  /** The command an alarm opens. */
  public static OpenWorkOrder command(AlarmRecord alarm) {
    return new OpenWorkOrder(
        AlarmIds.openWorkOrderCommandId(alarm.alarmId()),
        WorkOrderCommand.SCHEMA_VERSION,
        AlarmIds.workOrderId(alarm.alarmId()),
        alarm.siteId(),
        alarm.deviceId(),
        priority(alarm.severity()),
        alarm.alarmId(),
        alarm.ruleId(),
        reason(alarm),
        alarm.evidence(),
        Instant.ofEpochMilli(alarm.time()));
  }

  static WorkOrderPriority priority(AlarmSeverity severity) {
    return switch (severity) {
      case LOW -> WorkOrderPriority.LOW;
      case MEDIUM -> WorkOrderPriority.MEDIUM;
      case HIGH -> WorkOrderPriority.HIGH;
      case CRITICAL -> WorkOrderPriority.URGENT;
    };
  }

  static String reason(AlarmRecord alarm) {
    StringBuilder b = new StringBuilder();
    b.append("Inspect ")
        .append(alarm.deviceId())
        .append(" (")
        .append(alarm.ruleId())
        .append(", ")
        .append(alarm.severity())
        .append("): ")
        .append(alarm.message());
    Map<String, Double> evidence = new TreeMap<>(alarm.evidence());
    if (!evidence.isEmpty()) {
      b.append("\nEvidence:");
      evidence.forEach((k, v) -> b.append(' ').append(k).append('=').append(Figures.number(v)));
    }
    String text = b.toString();
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }
}
