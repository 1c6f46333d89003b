package io.plantline.stream.job;

import static io.plantline.stream.TestRules.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.domain.AlarmRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FloodSuppressionTest {
  private KeyedOneInputStreamOperatorTestHarness<String, AlarmRecord, AlarmRecord> harness;

  @BeforeEach
  void start() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FloodSuppression(3, 60_000)),
            a -> a.siteId() + "/" + a.areaId(),
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static AlarmRecord alarm(int device, AlarmState state, int transition, double seconds) {
    return new AlarmRecord(
        "alm-" + device,
        transition,
        "spindle-00" + device,
        "site-1",
        "machining",
        "hot",
        AlarmSeverity.HIGH,
        state,
        at(seconds),
        "hot",
        Map.of(),
        state == AlarmState.RAISED);
  }

  private void send(AlarmRecord a) throws Exception {
    harness.processElement(a, a.time());
  }

  @Test
  void shouldReplaceAFloodWithOneSummaryAlarmAndClearItWhenTheAreaCalmsDown() throws Exception {
    for (int d = 1; d <= 6; d++) {
      send(alarm(d, AlarmState.RAISED, 1, d));
    }
    send(alarm(5, AlarmState.CLEARED, 2, 20)); // a held-back alarm clears: stays held back
    send(alarm(1, AlarmState.CLEARED, 2, 21)); // a passed alarm clears: passes
    List<AlarmRecord> out = harness.extractOutputValues();

    assertThat(out)
        .extracting(AlarmRecord::deviceId)
        .containsExactly("spindle-001", "spindle-002", "spindle-003", "machining", "spindle-001");
    AlarmRecord summary = out.get(3);
    assertThat(summary.ruleId()).isEqualTo(FloodSuppression.FLOOD_RULE);
    assertThat(summary.state()).isEqualTo(AlarmState.RAISED);
    assertThat(summary.opensWorkOrder()).isFalse();

    harness.processWatermark(at(70));

    List<AlarmRecord> after = harness.extractOutputValues();
    assertThat(after)
        .last()
        .satisfies(
            a -> {
              assertThat(a.ruleId()).isEqualTo(FloodSuppression.FLOOD_RULE);
              assertThat(a.state()).isEqualTo(AlarmState.CLEARED);
            });

    send(alarm(4, AlarmState.CLEARED, 2, 71));
    send(alarm(6, AlarmState.CLEARED, 2, 72));
    harness.processWatermark(at(200));

    assertThat(harness.extractOutputValues()).hasSize(after.size());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
