package io.plantline.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Samples;
import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlarmCommandCodecTest {

  @Test
  void shouldRoundTripAnAcknowledgeWithoutShelfOrNote() {
    AlarmCommand ack =
        new AlarmCommand(
            UUID.randomUUID(),
            1,
            AlarmAction.ACKNOWLEDGE,
            Samples.ALARM,
            "press-07",
            Samples.RULE,
            "operator-17",
            null,
            null,
            Instant.parse("2026-11-25T10:21:00Z"));

    byte[] json = Codecs.ALARM_COMMAND.encode(ack);

    assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("shelvedUntil", "note");
    assertThat(Codecs.ALARM_COMMAND.decode(json)).isEqualTo(ack);
  }

  @Test
  void shouldRejectAShelveWithoutItsEnd() {
    String json =
        new String(Codecs.ALARM_COMMAND.encode(Samples.shelveAlarm()), StandardCharsets.UTF_8)
            .replaceAll("\"shelvedUntil\":\"[^\"]*\",", "");

    assertThatThrownBy(() -> Codecs.ALARM_COMMAND.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("shelvedUntil");
  }

  @Test
  void shouldRejectAShelfEndOnAnAcknowledge() {
    assertThatThrownBy(
            () ->
                new AlarmCommand(
                    UUID.randomUUID(),
                    1,
                    AlarmAction.ACKNOWLEDGE,
                    Samples.ALARM,
                    "press-07",
                    Samples.RULE,
                    "operator-17",
                    Instant.parse("2026-11-25T12:00:00Z"),
                    null,
                    Instant.parse("2026-11-25T10:21:00Z")))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("shelvedUntil");
  }
}
