package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.command.SetpointCommand;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;
import io.plantline.contracts.topic.MqttTopic;
import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.testkit.mqtt.MosquittoOptions;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setpoint commands over MQTT, end to end: an operator's client publishes {@link SetpointCommand}s
 * on the device's command topic of the real Mosquitto, the gateway writes them to the simulated
 * device over Modbus and answers on the command-result topic. Checked on the device's registers.
 */
class SetpointCommandIT {
  private static final String DEVICE = "spindle-001";

  @Test
  void shouldApplyACommandOnceAndRefuseExpiredAndReadOnlyOnes(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start(MosquittoOptions.defaults());
        SimulatedPlant plant =
            new SimulatedPlant(SimulatedPlant.plant("spindle", "motor-spindle", 2, 100))) {
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .mqtt(
                  mqtt.host(),
                  mqtt.port(),
                  mqtt.clientCredentials().username(),
                  mqtt.clientCredentials().password());
      // This machine allows 3,000 rpm, less than the 12,000 its device type (the map) allows.
      yaml.device(
          DEVICE,
          plant.port(DEVICE),
          "motor-spindle",
          "{fast: 250ms, normal: 1s, slow: 5s}",
          ", writeLimits: {speed_setpoint_rpm: {max: 3000}}");
      GatewayRuntime gateway =
          SimulatedPlant.await(GatewayRuntime.start(vertx, GatewayConfig.load(yaml.write())));
      Map<UUID, List<SetpointResult>> results = new ConcurrentHashMap<>();
      MqttClient operator =
          MqttClient.create(
              vertx,
              new MqttClientOptions()
                  .setClientId("setpoint-operator")
                  .setUsername(mqtt.clientCredentials().username())
                  .setPassword(mqtt.clientCredentials().password()));
      operator.publishHandler(
          m -> {
            SetpointResult result = Codecs.SETPOINT_RESULT.decode(m.payload().getBytes());
            results
                .computeIfAbsent(result.commandId(), id -> new CopyOnWriteArrayList<>())
                .add(result);
          });
      SimulatedPlant.await(operator.connect(mqtt.port(), mqtt.host()));
      SimulatedPlant.await(
          operator.subscribe(
              MqttTopic.commandResult("site-gw", "area-gw", DEVICE).value(),
              MqttQoS.AT_LEAST_ONCE.value()));
      // Polling has begun: the device answers the gateway.
      await().atMost(Duration.ofSeconds(30)).until(() -> gateway.journal().appendedRecords() > 0);
      String topic = MqttTopic.command("site-gw", "area-gw", DEVICE).value();
      Instant now = Instant.now();

      SetpointCommand first = command("speed_setpoint_rpm", 1234, now, now.plusSeconds(60));
      // The gateway subscribes once connected; repeat until it answers, which also shows that a
      // repeated command id is applied once and answered each time.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                publish(operator, topic, first);
                return results.containsKey(first.commandId());
              });
      assertThat(results.get(first.commandId()).get(0).outcome())
          .isEqualTo(SetpointOutcome.APPLIED);
      assertThat(plant.device(DEVICE).values().get("speed_setpoint_rpm")).isEqualTo(1234.0);

      SetpointCommand second = command("speed_setpoint_rpm", 2000, now, now.plusSeconds(60));
      publish(operator, topic, second);
      await().atMost(Duration.ofSeconds(10)).until(() -> results.containsKey(second.commandId()));
      assertThat(plant.device(DEVICE).values().get("speed_setpoint_rpm")).isEqualTo(2000.0);

      // A redelivery of the first command is answered with its first result, not written again.
      int answersBefore = results.get(first.commandId()).size();
      publish(operator, topic, first);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> results.get(first.commandId()).size() > answersBefore);
      assertThat(results.get(first.commandId()))
          .allMatch(r -> r.outcome() == SetpointOutcome.APPLIED);
      assertThat(plant.device(DEVICE).values().get("speed_setpoint_rpm")).isEqualTo(2000.0);

      SetpointCommand stale =
          command("speed_setpoint_rpm", 50, now.minusSeconds(600), now.minusSeconds(540));
      SetpointCommand readOnly = command("speed_rpm", 10, now, now.plusSeconds(60));
      SetpointCommand tooFast = command("speed_setpoint_rpm", 5000, now, now.plusSeconds(60));
      publish(operator, topic, stale);
      publish(operator, topic, readOnly);
      publish(operator, topic, tooFast);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  results.containsKey(stale.commandId())
                      && results.containsKey(readOnly.commandId())
                      && results.containsKey(tooFast.commandId()));
      assertThat(results.get(tooFast.commandId()).get(0).outcome())
          .isEqualTo(SetpointOutcome.REJECTED);
      assertThat(results.get(tooFast.commandId()).get(0).reason())
          .as("within the device type's limits, above this machine's")
          .contains("above this machine's maximum 3000.0");
      assertThat(results.get(stale.commandId()).get(0).outcome())
          .isEqualTo(SetpointOutcome.EXPIRED);
      assertThat(results.get(readOnly.commandId()).get(0).outcome())
          .isEqualTo(SetpointOutcome.REJECTED);
      assertThat(results.get(readOnly.commandId()).get(0).reason()).contains("speed_rpm");
      assertThat(plant.device(DEVICE).values().get("speed_setpoint_rpm"))
          .as("neither the expired nor the rejected commands were written")
          .isEqualTo(2000.0);

      SimulatedPlant.await(operator.disconnect());
      SimulatedPlant.await(gateway.stop(vertx));
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  private static SetpointCommand command(
      String point, double value, Instant issuedAt, Instant expiresAt) {
    return new SetpointCommand(
        UUID.randomUUID(), 1, DEVICE, point, value, "operator-7", issuedAt, expiresAt);
  }

  private static void publish(MqttClient client, String topic, SetpointCommand command)
      throws Exception {
    SetpointMessages.publish(client, topic, command);
  }
}
