package io.plantline.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SetpointCommandHandlerTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:30:00Z");
  private static final String TOPIC = "plantline/v1/site-a/area-1/motor-001/command";

  private final List<String> writes = new ArrayList<>();
  private final List<SetpointResult> results = new ArrayList<>();
  private CompletableFuture<Void> nextWrite = CompletableFuture.completedFuture(null);
  private final SetpointCommandHandler handler =
      new SetpointCommandHandler(
          Set.of("motor-001"),
          (device, point, value) -> {
            if (point.equals("speed_rpm")) {
              throw new IllegalArgumentException(device + " has no writable point '" + point + "'");
            }
            writes.add(device + "." + point + "=" + value);
            return nextWrite;
          },
          results::add,
          new GatewayMetrics(),
          Clock.fixed(NOW, ZoneOffset.UTC),
          100);

  private static SetpointCommand command(String point, double value, Duration expiresIn) {
    return new SetpointCommand(
        UUID.randomUUID(),
        1,
        "motor-001",
        point,
        value,
        "operator-1",
        NOW.minusSeconds(1),
        NOW.plus(expiresIn));
  }

  @Test
  void shouldWriteOnceAndAnswerARedeliveryWithTheFirstResult() {
    SetpointCommand command = command("speed_setpoint_rpm", 1200, Duration.ofMinutes(1));
    byte[] payload = Codecs.SETPOINT_COMMAND.encode(command);

    handler.handle(TOPIC, payload);
    handler.handle(TOPIC, payload);

    assertThat(writes).containsExactly("motor-001.speed_setpoint_rpm=1200.0");
    assertThat(results).hasSize(2).allMatch(r -> r.outcome() == SetpointOutcome.APPLIED);
    assertThat(results.get(1)).isEqualTo(results.get(0));
  }

  @Test
  void shouldAnswerNothingForARedeliveryWhileTheFirstWriteIsStillRunning() {
    nextWrite = new CompletableFuture<>();
    byte[] payload =
        Codecs.SETPOINT_COMMAND.encode(command("speed_setpoint_rpm", 5, Duration.ofMinutes(1)));

    handler.handle(TOPIC, payload);
    handler.handle(TOPIC, payload);
    assertThat(results).isEmpty();
    nextWrite.completeExceptionally(new ModbusSlaveException(4));

    assertThat(writes).hasSize(1);
    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(SetpointOutcome.FAILED);
              assertThat(r.reason()).contains("Modbus exception 4");
            });
  }

  @Test
  void shouldRefuseAnExpiredCommandWithoutWriting() {
    SetpointCommand stale =
        new SetpointCommand(
            UUID.randomUUID(),
            1,
            "motor-001",
            "speed_setpoint_rpm",
            3000,
            "operator-1",
            NOW.minusSeconds(3600),
            NOW.minusSeconds(3540));

    handler.handle(TOPIC, Codecs.SETPOINT_COMMAND.encode(stale));

    assertThat(writes).isEmpty();
    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(SetpointOutcome.EXPIRED);
              assertThat(r.reason()).contains("expired at 2026-11-25T09:31:00Z");
            });
  }

  @Test
  void shouldRejectAReadOnlyPointAndATopicThatNamesAnotherDevice() {
    handler.handle(
        TOPIC, Codecs.SETPOINT_COMMAND.encode(command("speed_rpm", 1, Duration.ofMinutes(1))));
    handler.handle(
        "plantline/v1/site-a/area-1/motor-001/command",
        Codecs.SETPOINT_COMMAND.encode(
            new SetpointCommand(
                UUID.randomUUID(),
                1,
                "motor-002",
                "speed_setpoint_rpm",
                1,
                "operator-1",
                NOW,
                NOW.plusSeconds(60))));

    assertThat(writes).isEmpty();
    assertThat(results)
        .extracting(SetpointResult::outcome)
        .containsExactly(SetpointOutcome.REJECTED, SetpointOutcome.REJECTED);
    assertThat(results.get(0).reason()).contains("no writable point 'speed_rpm'");
    assertThat(results.get(1).reason()).contains("differs from payload device motor-002");
  }

  @Test
  void shouldRejectAMalformedCommandNamingTheFieldWhenItsIdIsReadable() {
    String json =
        new String(
                Codecs.SETPOINT_COMMAND.encode(
                    command("speed_setpoint_rpm", 1450.0, Duration.ofMinutes(1))),
                StandardCharsets.UTF_8)
            .replace("1450.0", "\"fast\"");

    handler.handle(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    handler.handle(TOPIC, "not json".getBytes(StandardCharsets.UTF_8));

    assertThat(writes).isEmpty();
    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(SetpointOutcome.REJECTED);
              assertThat(r.reason()).startsWith("malformed command: value");
              assertThat(r.point()).isEqualTo("speed_setpoint_rpm");
            });
  }

  @Test
  void shouldIgnoreCommandsForDevicesOfOtherGateways() {
    handler.handle(
        "plantline/v1/site-a/area-1/pump-009/command",
        Codecs.SETPOINT_COMMAND.encode(
            new SetpointCommand(
                UUID.randomUUID(),
                1,
                "pump-009",
                "speed_setpoint_pct",
                80,
                "operator-1",
                NOW,
                NOW.plusSeconds(60))));

    assertThat(writes).isEmpty();
    assertThat(results).isEmpty();
  }
}
