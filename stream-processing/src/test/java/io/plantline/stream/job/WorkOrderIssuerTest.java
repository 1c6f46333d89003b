package io.plantline.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.stream.domain.AlarmIds;
import io.plantline.stream.domain.AlarmRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class WorkOrderIssuerTest {
  private static final long T = 1_700_000_000_000L;

  private static AlarmRecord raised(boolean opensWorkOrder) {
    String alarmId = AlarmIds.alarmId("spindle-002", "winding-overtemperature", T);
    return new AlarmRecord(
        alarmId,
        1,
        "spindle-002",
        "site-1",
        "machining",
        "winding-overtemperature",
        AlarmSeverity.CRITICAL,
        AlarmState.RAISED,
        T,
        "Winding overheating",
        Map.of(
            "winding_temperature_c.min",
            118.0,
            "winding_temperature_c.max",
            131.5,
            "winding_temperature_c.mean",
            124.25),
        opensWorkOrder);
  }

  @Test
  void shouldDeriveTheCommandFromTheAlarmIdWithItsEvidence() {
    List<EncodedEvent> out = new ArrayList<>();
    new WorkOrderIssuer().flatMap(raised(true), new ListCollector<>(out));
    new WorkOrderIssuer().flatMap(raised(true), new ListCollector<>(out));

    assertThat(out).hasSize(2);
    assertThat(out.get(0).value()).isEqualTo(out.get(1).value()); // same alarm, same command
    OpenWorkOrder command = (OpenWorkOrder) Codecs.WORK_ORDER_COMMAND.decode(out.get(0).value());
    String alarmId = raised(true).alarmId();
    assertThat(command.commandId()).isEqualTo(AlarmIds.openWorkOrderCommandId(alarmId));
    assertThat(command.workOrderId()).isEqualTo(AlarmIds.workOrderId(alarmId));
    assertThat(command.alarmId()).isEqualTo(alarmId);
    assertThat(command.priority()).isEqualTo(WorkOrderPriority.URGENT);
    assertThat(command.reason())
        .contains("winding_temperature_c.max=131.5", "winding_temperature_c.mean=124.25");
    assertThat(command.schemaVersion()).isEqualTo(2);
    assertThat(command.evidence())
        .containsExactly(
            Map.entry("winding_temperature_c.max", 131.5),
            Map.entry("winding_temperature_c.mean", 124.25),
            Map.entry("winding_temperature_c.min", 118.0));
    assertThat(out.get(0).key()).isEqualTo("spindle-002");
  }

  @Test
  void shouldIssueNothingForAnAlarmNotMarkedToOpenAWorkOrder() {
    List<EncodedEvent> out = new ArrayList<>();
    new WorkOrderIssuer().flatMap(raised(false), new ListCollector<>(out));
    assertThat(out).isEmpty();
  }

  @Test
  void shouldEncodeAlarmTransitionsAsValidAlarmEventsWithDerivedEventIds() {
    EncodedEvent e = new AlarmEncoder().map(raised(true));
    AlarmEvent event = Codecs.ALARM_EVENT.decode(e.value());

    assertThat(event.eventId()).isEqualTo(AlarmIds.eventId(event.alarmId(), 1));
    assertThat(event.evidence()).containsEntry("winding_temperature_c.max", 131.5);
    assertThat(e.key()).isEqualTo("spindle-002");
  }
}
