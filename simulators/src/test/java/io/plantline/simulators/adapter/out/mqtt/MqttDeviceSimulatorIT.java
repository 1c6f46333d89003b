package io.plantline.simulators.adapter.out.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.simulators.TestPlant;
import io.plantline.simulators.device.FaultSpec;
import io.plantline.simulators.device.TransportFault;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An MQTT device publishes contract-valid telemetry batches at QoS 1 to a real Mosquitto, announces
 * itself with a retained BIRTH, and its last will (DEATH) fires when it drops off the network.
 */
@ExtendWith(EmbeddedServersExtension.class)
class MqttDeviceSimulatorIT {
  private static final String PLANT =
      """
      plant: mqtt-plant
      tickMillis: 100
      sites:
        - id: site-m
          areas:
            - id: area-m
              devices:
                - {id: meter-m, model: energy-meter, protocol: mqtt, publishMillis: 200, seed: 3}
      """;

  @Test
  void shouldPublishBatchesAndBirthAndLetTheBrokerAnnounceDeathWhenTheDeviceDrops(
      MosquittoServer mqtt) throws Exception {
    Vertx vertx = Vertx.vertx();
    List<TelemetryBatch> batches = new CopyOnWriteArrayList<>();
    List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    MqttClient observer =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setUsername(mqtt.clientCredentials().username())
                .setPassword(mqtt.clientCredentials().password()));
    observer.publishHandler(
        message -> {
          if (message.topicName().endsWith("/telemetry")) {
            batches.add(Codecs.TELEMETRY_BATCH.decode(message.payload().getBytes()));
          } else {
            statuses.add(Codecs.DEVICE_STATUS.decode(message.payload().getBytes()));
          }
        });
    TestPlant.await(observer.connect(mqtt.port(), mqtt.host()));
    TestPlant.await(
        observer.subscribe("plantline/v1/site-m/area-m/meter-m/#", MqttQoS.AT_LEAST_ONCE.value()));

    MqttBrokerSettings broker =
        new MqttBrokerSettings(
            mqtt.host(),
            mqtt.port(),
            mqtt.clientCredentials().username(),
            mqtt.clientCredentials().password(),
            Optional.empty());
    try (TestPlant plant = new TestPlant(PLANT, Optional.of(broker))) {
      await().atMost(Duration.ofSeconds(15)).until(() -> batches.size() >= 5);
      assertThat(statuses).first().extracting(DeviceStatus::state).isEqualTo(DeviceState.BIRTH);
      TelemetryBatch first = batches.get(0);
      assertThat(first.deviceId()).isEqualTo("meter-m");
      assertThat(first.readings())
          .extracting(r -> r.metric())
          .contains("active_power_kw", "energy_kwh");
      assertThat(batches).extracting(TelemetryBatch::seq).isSorted().doesNotHaveDuplicates();

      plant.device("meter-m").inject(FaultSpec.always(TransportFault.DROP_CONNECTION));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> statuses.stream().anyMatch(s -> s.state() == DeviceState.DEATH));
      DeviceStatus death =
          statuses.stream().filter(s -> s.state() == DeviceState.DEATH).findFirst().orElseThrow();
      assertThat(death.reason()).isEqualTo("connection lost");
    } finally {
      TestPlant.await(observer.disconnect());
      TestPlant.await(vertx.close());
    }
  }
}
