package io.plantline.simulators.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.registermap.RegisterMaps;
import io.plantline.simulators.device.DeviceIdentity;
import io.plantline.simulators.device.SimulatedDevice;
import io.plantline.simulators.domain.DeviceModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The six energy scenarios on plant-energy: each parses, targets devices of the plant, and every
 * action is accepted by the devices it targets; run through simulated time, the meter replacement
 * restarts the counter and the rollover wraps it.
 */
class EnergyScenariosTest {
  private static final PlantFile PLANT = PlantFile.load("plants/plant-energy.yaml");

  private static Map<String, SimulatedDevice> devices() {
    Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
    for (DeviceSpec spec : PLANT.devices()) {
      devices.put(
          spec.deviceId(),
          new SimulatedDevice(
              new DeviceIdentity(
                  spec.deviceId(), spec.siteId(), spec.areaId(), spec.model(), spec.unitId()),
              RegisterMaps.load(PLANT.baseDir().resolve(spec.registerMap())),
              DeviceModels.create(spec.model(), spec.params(), spec.seed()),
              Map.of(),
              spec.seed()));
    }
    return devices;
  }

  /** Runs the scenario to {@code until} in steps of {@code step}, applying actions when due. */
  private static Map<String, SimulatedDevice> run(
      ScenarioFile scenario, Duration until, Duration step) {
    Map<String, SimulatedDevice> devices = devices();
    List<ScenarioFile.ScheduledAction> pending = new ArrayList<>(scenario.actions());
    for (Duration t = Duration.ZERO; t.compareTo(until) <= 0; t = t.plus(step)) {
      while (!pending.isEmpty() && pending.get(0).at().compareTo(t) <= 0) {
        ScenarioFile.ScheduledAction due = pending.remove(0);
        int applied = 0;
        for (SimulatedDevice device : devices.values()) {
          if (due.matches(device.identity().deviceId())) {
            due.action().applyTo(device); // throws if the device refuses it
            applied++;
          }
        }
        assertThat(applied).as("devices matching %s", due.devicePattern()).isPositive();
      }
      devices.values().forEach(d -> d.advance(step));
    }
    return devices;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "energy-shift-pattern",
        "energy-weekend-idle",
        "energy-meter-replaced",
        "energy-counter-rollover",
        "energy-data-gap",
        "energy-load-spike"
      })
  void shouldTargetPlantEnergyWithActionsItsDevicesAccept(String name) {
    ScenarioFile scenario = ScenarioFile.load("scenarios/" + name + ".yaml");
    assertThat(scenario.name()).isEqualTo(name);
    assertThat(scenario.actions()).isNotEmpty();
    Duration last = scenario.actions().get(scenario.actions().size() - 1).at();
    run(scenario, last.plusMinutes(1), Duration.ofMinutes(1));
  }

  @Test
  void shouldRestartTheReplacedMetersCounterAndWrapTheLathesCounter() {
    Map<String, SimulatedDevice> replaced =
        run(
            ScenarioFile.load("scenarios/energy-meter-replaced.yaml"),
            Duration.ofMinutes(306),
            Duration.ofSeconds(5));
    // 6 min at 55 kW after the swap at 5 h
    assertThat(replaced.get("press-001-meter").values().get("energy_kwh")).isBetween(4.0, 7.0);

    Map<String, SimulatedDevice> wrapped =
        run(
            ScenarioFile.load("scenarios/energy-counter-rollover.yaml"),
            Duration.ofMinutes(190),
            Duration.ofSeconds(5));
    // preset to 99,998 at 3 h, 10 min at 22 kW later: past 100,000, so about 1.7 kWh
    assertThat(wrapped.get("lathe-001-meter").values().get("energy_kwh")).isBetween(0.5, 3.0);
  }
}
