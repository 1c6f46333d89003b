package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.simulators.domain.DeviceEvent;
import io.plantline.simulators.domain.MachineState;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated machine's energy meter speaking the Eastron SDM630 register map (float32 ABCD input
 * registers, W on the wire) over Modbus TCP on loopback, read by a gateway configured with nothing
 * but that map file: the gateway's kW is the machine's running load, the phases add up to it, the
 * kWh counter is the meter's, and when the machine goes idle the gateway sees the idle load.
 */
@ExtendWith(EmbeddedServersExtension.class)
class Sdm630MeterIT {
  private static final Path SDM630_MAP =
      Path.of("../simulators/maps/eastron-sdm630.yaml").toAbsolutePath().normalize();
  private static final String METER = "press-001-meter";
  private static final double RUNNING_KW = 55;
  private static final double IDLE_KW = 9;
  private static final double INITIAL_KWH = 1520;

  @Test
  void shouldReadTheMachinesLoadAndCounterThroughTheSdm630Map(
      MosquittoServer mqtt, @TempDir Path dir) throws Exception {
    String plantYaml =
        """
        plant: sdm630-test
        tickMillis: 100
        sites:
          - id: site-gw
            areas:
              - id: area-gw
                devices:
                  - id: %s
                    model: machine-meter
                    registerMap: "%s"
                    seed: 7
                    params: {startHourOfDay: 10, runningKw: %s, idleKw: %s, initialEnergyKwh: %s}
        """
            .formatted(METER, SDM630_MAP, RUNNING_KW, IDLE_KW, INITIAL_KWH);
    Vertx vertx = Vertx.vertx();
    try (SimulatedPlant plant = new SimulatedPlant(plantYaml);
        TelemetryCollector collector = new TelemetryCollector(mqtt, "sdm630-collector")) {
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .mqtt(
                  mqtt.host(),
                  mqtt.port(),
                  mqtt.clientCredentials().username(),
                  mqtt.clientCredentials().password())
              .device(
                  METER,
                  plant.port(METER),
                  "\"" + SDM630_MAP + "\"",
                  "{fast: 200ms, normal: 200ms, slow: 200ms}");
      GatewayRuntime gateway =
          SimulatedPlant.await(GatewayRuntime.start(vertx, GatewayConfig.load(yaml.write())));
      try {
        Map<String, BatchReading> running = awaitReadings(collector, kw -> kw > 30);
        assertThat(running.get("active_power_kw").unit()).isEqualTo("kW");
        assertThat(running.get("active_power_kw").value())
            .isCloseTo(RUNNING_KW, within(0.2 * RUNNING_KW));
        double phases =
            running.get("active_power_l1_kw").value()
                + running.get("active_power_l2_kw").value()
                + running.get("active_power_l3_kw").value();
        assertThat(phases).isCloseTo(running.get("active_power_kw").value(), within(0.01 * phases));
        assertThat(running.get("voltage_l1_v").value()).isBetween(200.0, 260.0);

        SimulatedDevice meter = plant.device(METER);
        BatchReading kwh = running.get("energy_kwh");
        assertThat(kwh.unit()).isEqualTo("kWh");
        assertThat(kwh.value()).isGreaterThanOrEqualTo(INITIAL_KWH);
        // the counter as the meter holds it now: at most a few seconds of 55 kW later
        double now = meter.values().get("energy_kwh");
        assertThat(now - kwh.value()).isBetween(-0.001, RUNNING_KW * 10 / 3600);

        meter.apply(new DeviceEvent.HoldMachineState(MachineState.IDLE, Duration.ofMinutes(30)));
        Map<String, BatchReading> idle = awaitReadings(collector, kw -> kw < 2 * IDLE_KW);
        assertThat(idle.get("active_power_kw").value()).isCloseTo(IDLE_KW, within(0.2 * IDLE_KW));
      } finally {
        SimulatedPlant.await(gateway.stop(vertx));
      }
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  /** The GOOD readings, by metric, of the first batch whose total kW satisfies {@code kw}. */
  private static Map<String, BatchReading> awaitReadings(
      TelemetryCollector collector, java.util.function.DoublePredicate kw) {
    AtomicReference<Optional<TelemetryBatch>> found = new AtomicReference<>(Optional.empty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<TelemetryBatch> batches = collector.batches(METER);
              found.set(
                  batches.stream()
                      .filter(
                          b -> complete(b) && kw.test(byMetric(b).get("active_power_kw").value()))
                      .reduce((first, second) -> second));
              return found.get().isPresent();
            });
    return byMetric(found.get().orElseThrow());
  }

  private static boolean complete(TelemetryBatch batch) {
    Map<String, BatchReading> readings = byMetric(batch);
    return readings
        .keySet()
        .containsAll(
            List.of(
                "active_power_kw",
                "energy_kwh",
                "active_power_l1_kw",
                "active_power_l2_kw",
                "active_power_l3_kw",
                "voltage_l1_v"));
  }

  private static Map<String, BatchReading> byMetric(TelemetryBatch batch) {
    return batch.readings().stream()
        .filter(r -> r.quality() == Quality.GOOD)
        .collect(Collectors.toMap(BatchReading::metric, r -> r, (a, b) -> b));
  }
}
