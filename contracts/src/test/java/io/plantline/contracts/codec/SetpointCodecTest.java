package io.plantline.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Samples;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.topic.MqttTopic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SetpointCodecTest {

  @Test
  void shouldRoundTripACommandAndAnAppliedResultWithoutReason() {
    SetpointCommand command = Samples.setpointCommand();
    assertThat(Codecs.SETPOINT_COMMAND.decode(Codecs.SETPOINT_COMMAND.encode(command)))
        .isEqualTo(command);
    SetpointResult applied =
        new SetpointResult(
            command.commandId(),
            1,
            command.deviceId(),
            command.point(),
            SetpointOutcome.APPLIED,
            null,
            Instant.parse("2026-11-25T10:30:00.120Z"));
    byte[] json = Codecs.SETPOINT_RESULT.encode(applied);
    assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("reason");
    assertThat(Codecs.SETPOINT_RESULT.decode(json)).isEqualTo(applied);
  }

  @Test
  void shouldRejectACommandThatExpiresBeforeItIsIssued() {
    Instant issued = Instant.parse("2026-11-25T10:30:00Z");
    assertThatThrownBy(
            () ->
                new SetpointCommand(
                    UUID.randomUUID(),
                    1,
                    "press-07",
                    "speed_setpoint_rpm",
                    1.0,
                    "op",
                    issued,
                    issued))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("expiresAt");
  }

  @Test
  void shouldRejectANonFiniteValueAndAPointThatIsNoId() {
    String json =
        new String(
            Codecs.SETPOINT_COMMAND.encode(Samples.setpointCommand()), StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                Codecs.SETPOINT_COMMAND.decode(
                    json.replace("1450.0", "NaN").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("value");
    assertThatThrownBy(
            () ->
                Codecs.SETPOINT_COMMAND.decode(
                    json.replace("speed_setpoint_rpm", "speed/+").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("point");
  }

  @Test
  void shouldRequireAReasonUnlessApplied() {
    assertThatThrownBy(
            () ->
                new SetpointResult(
                    UUID.randomUUID(),
                    1,
                    "press-07",
                    "run_command",
                    SetpointOutcome.EXPIRED,
                    null,
                    Instant.parse("2026-11-25T10:30:00Z")))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void shouldTellWhenACommandHasExpired() {
    SetpointCommand command = Samples.setpointCommand();
    assertThat(command.expiredAt(command.expiresAt())).isFalse();
    assertThat(command.expiredAt(command.expiresAt().plusMillis(1))).isTrue();
  }

  @Test
  void shouldBuildAndParseTheCommandTopics() {
    MqttTopic command = MqttTopic.command("plant-a", "stamping", "press-07");
    assertThat(command.value()).isEqualTo("plantline/v1/plant-a/stamping/press-07/command");
    assertThat(MqttTopic.parse("plantline/v1/plant-a/stamping/press-07/command-result"))
        .isEqualTo(MqttTopic.commandResult("plant-a", "stamping", "press-07"));
  }
}
