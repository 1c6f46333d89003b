package io.plantline.console.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlarmCommandsTest {
  private static final Instant NOW = Instant.parse("2026-01-10T09:00:00Z");

  private static AlarmView alarm(AlarmState... states) {
    AlarmBook book = new AlarmBook(10);
    AlarmView view = null;
    int t = 0;
    for (AlarmState s : states) {
      view =
          book.apply(
                  Alarms.event(
                      "alm-7",
                      "motor-3",
                      "site-1",
                      s,
                      AlarmSeverity.HIGH,
                      NOW.minusSeconds(100 - t++),
                      Map.of()))
              .orElseThrow();
    }
    return view;
  }

  @Test
  void shouldAcknowledgeARaisedAlarmOnceWithTheOperatorAndKey() {
    UUID id = UUID.randomUUID();
    AlarmCommand ack =
        AlarmCommands.decide(
            alarm(AlarmState.RAISED), AlarmAction.ACKNOWLEDGE, "alice", null, "  seen  ", NOW, id);

    assertThat(ack.commandId()).isEqualTo(id);
    assertThat(ack.alarmId()).isEqualTo("alm-7");
    assertThat(ack.deviceId()).isEqualTo("motor-3");
    assertThat(ack.ruleId()).isEqualTo("winding-overtemperature");
    assertThat(ack.operatorId()).isEqualTo("alice");
    assertThat(ack.note()).isEqualTo("seen");
    assertThat(ack.shelvedUntil()).isNull();
    assertThat(Codecs.ALARM_COMMAND.decode(Codecs.ALARM_COMMAND.encode(ack))).isEqualTo(ack);
    assertThatThrownBy(
            () ->
                AlarmCommands.decide(
                    alarm(AlarmState.RAISED, AlarmState.ACKNOWLEDGED),
                    AlarmAction.ACKNOWLEDGE,
                    "alice",
                    null,
                    null,
                    NOW,
                    UUID.randomUUID()))
        .isInstanceOf(AlarmCommands.Refused.class)
        .hasMessageContaining("already acknowledged");
  }

  @Test
  void shouldShelveForABoundedTime() {
    AlarmCommand shelve =
        AlarmCommands.decide(
            alarm(AlarmState.RAISED),
            AlarmAction.SHELVE,
            "alice",
            Duration.ofMinutes(30),
            "sensor being replaced",
            NOW,
            UUID.randomUUID());

    assertThat(shelve.shelvedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(shelve.note()).isEqualTo("sensor being replaced");
    for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofDays(8)}) {
      assertThatThrownBy(
              () ->
                  AlarmCommands.decide(
                      alarm(AlarmState.RAISED),
                      AlarmAction.SHELVE,
                      "alice",
                      bad,
                      null,
                      NOW,
                      UUID.randomUUID()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("minutes");
    }
  }

  @Test
  void shouldRefuseCommandsOnClearedAlarmsAndUnshelveOfUnshelved() {
    assertThatThrownBy(
            () ->
                AlarmCommands.decide(
                    alarm(AlarmState.RAISED, AlarmState.CLEARED),
                    AlarmAction.ACKNOWLEDGE,
                    "alice",
                    null,
                    null,
                    NOW,
                    UUID.randomUUID()))
        .isInstanceOf(AlarmCommands.Refused.class)
        .hasMessageContaining("cleared");
    assertThatThrownBy(
            () ->
                AlarmCommands.decide(
                    alarm(AlarmState.RAISED),
                    AlarmAction.UNSHELVE,
                    "alice",
                    null,
                    null,
                    NOW,
                    UUID.randomUUID()))
        .isInstanceOf(AlarmCommands.Refused.class)
        .hasMessageContaining("not shelved");
    assertThat(
            AlarmCommands.decide(
                    alarm(AlarmState.RAISED, AlarmState.SHELVED),
                    AlarmAction.UNSHELVE,
                    "alice",
                    null,
                    null,
                    NOW,
                    UUID.randomUUID())
                .action())
        .isEqualTo(AlarmAction.UNSHELVE);
  }
}
