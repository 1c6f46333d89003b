package io.plantline.stream.job;

import static io.plantline.stream.TestRules.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.domain.AlarmIds;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.OperatorCommand;
import io.plantline.stream.domain.RuleSignal;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlarmLifecycleTest {
  private static final String DEVICE = "spindle-001";
  private static final String RULE = "hot";
  private KeyedTwoInputStreamOperatorTestHarness<String, RuleSignal, OperatorCommand, AlarmRecord>
      harness;

  @BeforeEach
  void start() throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new AlarmLifecycle(AlarmSeverity.HIGH)),
            RuleSignal::deviceId,
            OperatorCommand::deviceId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static RuleSignal signal(
      boolean active, double seconds, long onDelayMs, long offDelayMs) {
    return new RuleSignal(
        DEVICE,
        "site-1",
        "machining",
        RULE,
        active,
        at(seconds),
        AlarmSeverity.HIGH,
        onDelayMs,
        offDelayMs,
        active ? "winding_temperature_c above 100" : "ended",
        active ? Map.of("threshold", 100.0) : Map.of());
  }

  private void send(RuleSignal s) throws Exception {
    harness.processElement1(s, s.time());
  }

  private void command(AlarmAction action, String alarmId, long shelvedUntil, double seconds)
      throws Exception {
    OperatorCommand c =
        new OperatorCommand(
            "cmd-" + seconds,
            action,
            alarmId,
            DEVICE,
            RULE,
            "operator-17",
            shelvedUntil,
            at(seconds));
    harness.processElement2(c, c.issuedAt());
  }

  private void watermark(double seconds) throws Exception {
    harness.processBothWatermarks(
        new org.apache.flink.streaming.api.watermark.Watermark(at(seconds)));
  }

  private List<AlarmRecord> alarms() {
    return harness.extractOutputValues();
  }

  @Test
  void shouldRaiseAndClearAtTheSameTimesWhenTheWatermarkPassesManySignalsAtOnce() throws Exception {
    // Before the watermark reaches 10 s the condition ended at 20 s and came back at 40 s: the
    // on-delay had passed at 10 s and the off-delay at 25 s, whatever the watermark did.
    send(signal(true, 0, 10_000, 5_000));
    send(signal(false, 20, 10_000, 5_000));
    send(signal(true, 40, 10_000, 5_000));
    watermark(100);

    assertThat(alarms())
        .extracting(AlarmRecord::state, AlarmRecord::time)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlarmState.RAISED, at(10)),
            org.assertj.core.groups.Tuple.tuple(AlarmState.CLEARED, at(25)),
            org.assertj.core.groups.Tuple.tuple(AlarmState.RAISED, at(50)));
  }

  @Test
  void shouldRaiseAfterTheOnDelayAndClearAfterTheOffDelayThenForgetThePair() throws Exception {
    send(signal(true, 0, 10_000, 20_000));
    watermark(9);
    assertThat(alarms()).isEmpty();
    watermark(10);

    String alarmId = AlarmIds.alarmId(DEVICE, RULE, at(10));
    assertThat(alarms())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AlarmState.RAISED);
              assertThat(a.alarmId()).isEqualTo(alarmId);
              assertThat(a.time()).isEqualTo(at(10));
              assertThat(a.opensWorkOrder()).isTrue();
              assertThat(a.evidence()).containsEntry("threshold", 100.0);
            });

    send(signal(false, 30, 10_000, 20_000));
    send(signal(true, 35, 10_000, 20_000)); // back within the off-delay: stays the same alarm
    send(signal(false, 40, 10_000, 20_000));
    watermark(59);
    assertThat(alarms()).hasSize(1);
    watermark(60);

    assertThat(alarms())
        .extracting(AlarmRecord::state)
        .containsExactly(AlarmState.RAISED, AlarmState.CLEARED);
    assertThat(alarms().get(1).alarmId()).isEqualTo(alarmId);
    assertThat(alarms().get(1).time()).isEqualTo(at(60));
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void shouldNotRaiseAConditionShorterThanTheOnDelay() throws Exception {
    send(signal(true, 0, 10_000, 0));
    send(signal(false, 5, 10_000, 0));
    watermark(30);

    assertThat(alarms()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void shouldAcknowledgeOnceAndIgnoreCommandsForAnotherOccurrence() throws Exception {
    send(signal(true, 0, 0, 0));
    String alarmId = alarms().get(0).alarmId();

    command(AlarmAction.ACKNOWLEDGE, "alm-some-old-one", -1, 1);
    command(AlarmAction.ACKNOWLEDGE, alarmId, -1, 2);
    command(AlarmAction.ACKNOWLEDGE, alarmId, -1, 3);

    assertThat(alarms())
        .extracting(AlarmRecord::state)
        .containsExactly(AlarmState.RAISED, AlarmState.ACKNOWLEDGED);
    assertThat(alarms().get(1).transition()).isEqualTo(2);
  }

  @Test
  void shouldHoldBackNewOccurrencesWhileShelvedAndAnnounceWhenTheShelfEnds() throws Exception {
    send(signal(true, 0, 0, 0));
    String first = alarms().get(0).alarmId();
    command(AlarmAction.SHELVE, first, at(100), 1);
    send(signal(false, 10, 0, 0));
    send(signal(true, 20, 0, 0)); // new occurrence during the shelf: held back
    watermark(99);

    assertThat(alarms())
        .extracting(AlarmRecord::state)
        .containsExactly(AlarmState.RAISED, AlarmState.SHELVED, AlarmState.CLEARED);

    watermark(100);

    assertThat(alarms()).hasSize(4);
    AlarmRecord announced = alarms().get(3);
    assertThat(announced.state()).isEqualTo(AlarmState.RAISED);
    assertThat(announced.time()).isEqualTo(at(100));
    assertThat(announced.alarmId()).isNotEqualTo(first);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldKeepOneActiveAlarmPerDeviceAndRule() throws Exception {
    send(signal(true, 0, 0, 30_000));
    send(signal(false, 5, 0, 30_000));
    send(signal(true, 10, 0, 30_000));
    watermark(100);

    assertThat(alarms()).extracting(AlarmRecord::state).containsExactly(AlarmState.RAISED);
  }
}
