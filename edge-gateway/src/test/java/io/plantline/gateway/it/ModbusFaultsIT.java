package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.simulators.device.FaultSpec;
import io.plantline.simulators.device.TransportFault;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into the simulated devices, as a gateway meets them in a plant: timeouts lead to
 * backoff and quarantine, exception codes are counted by code, garbled and late answers never turn
 * into readings, and devices come back when the fault clears.
 */
@ExtendWith(EmbeddedServersExtension.class)
class ModbusFaultsIT {

  @Test
  void shouldQuarantineCountAndRecoverWithoutMisattributingAnswers(
      MosquittoServer mqtt, @TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (SimulatedPlant plant =
            new SimulatedPlant(SimulatedPlant.plant("press", "motor-spindle", 5, 100));
        TelemetryCollector collector = new TelemetryCollector(mqtt, "faults-collector")) {
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .mqtt(
                  mqtt.host(),
                  mqtt.port(),
                  mqtt.clientCredentials().username(),
                  mqtt.clientCredentials().password());
      for (int i = 1; i <= 5; i++) {
        String id = "press-00" + i;
        yaml.device(id, plant.port(id), "motor-spindle", "{fast: 200ms, normal: 200ms, slow: 1s}");
      }
      GatewayRuntime gateway =
          SimulatedPlant.await(GatewayRuntime.start(vertx, GatewayConfig.load(yaml.write())));
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> collector.devices() == 5);
        plant.device("press-001").inject(FaultSpec.always(TransportFault.NO_RESPONSE));
        plant.device("press-002").inject(FaultSpec.exception(4));
        plant.device("press-003").inject(FaultSpec.always(TransportFault.GARBLED_FRAME));
        plant.device("press-004").inject(FaultSpec.delay(1500)); // answers after the 500 ms timeout
        plant.device("press-005").inject(FaultSpec.always(TransportFault.HALF_OPEN));
        Instant faulted = Instant.now();

        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    gateway.metrics().pollErrors("press-002", "04") >= 3
                        && gateway.metrics().pollErrors("press-001", "timeout_or_io") >= 3
                        && gateway.metrics().pollErrors("press-005", "timeout_or_io") >= 3);
        assertThat(gateway.metrics().scrape())
            .contains(
                "plantline_gateway_device_health_changes_total{device=\"press-001\",state=\"QUARANTINED\"}");
        for (String id : List.of("press-001", "press-002", "press-003", "press-004", "press-005")) {
          assertThat(goodReadingsAfter(collector.batches(id), faulted.plusMillis(300)))
              .as("%s sends no GOOD reading while faulted", id)
              .isEmpty();
        }
        assertThat(lastQuality(collector.batches("press-002"))).isEqualTo(Quality.BAD);

        List.of("press-001", "press-002", "press-003", "press-004", "press-005")
            .forEach(id -> plant.device(id).clearFaults());
        Instant cleared = Instant.now();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    List.of(1, 2, 3, 4, 5).stream()
                        .allMatch(
                            i ->
                                goodReadingsAfter(collector.batches("press-00" + i), cleared)
                                    .stream()
                                    .anyMatch(r -> r.metric().equals("speed_rpm"))));
        for (int i = 1; i <= 5; i++) {
          String id = "press-00" + i;
          BatchReading speed =
              goodReadingsAfter(collector.batches(id), cleared).stream()
                  .filter(r -> r.metric().equals("speed_rpm"))
                  .reduce((a, b) -> b)
                  .orElseThrow();
          assertThat(speed.value())
              .as("%s speed comes from its own answer", id)
              .isCloseTo(plant.device(id).values().get("speed_rpm"), within(150.0));
        }
      } finally {
        SimulatedPlant.await(gateway.stop(vertx));
      }
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  private static List<BatchReading> goodReadingsAfter(List<TelemetryBatch> batches, Instant after) {
    return batches.stream()
        .flatMap(b -> b.readings().stream())
        .filter(r -> r.quality() == Quality.GOOD && r.sourceTime().isAfter(after))
        .toList();
  }

  private static Quality lastQuality(List<TelemetryBatch> batches) {
    TelemetryBatch last = batches.get(batches.size() - 1);
    return last.readings().get(0).quality();
  }
}
