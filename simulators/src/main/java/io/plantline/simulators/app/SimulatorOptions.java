package io.plantline.simulators.app;

import io.plantline.simulators.adapter.out.mqtt.MqttBrokerSettings;
import io.plantline.simulators.device.ServedCounter;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run a plant.
 *
 * @param speed simulated seconds per real second
 * @param scenario actions scheduled in simulated time
 * @param controlPort port of the REST control API, 0 for a free one
 * @param controlToken bearer token the control API requires
 * @param mqtt broker for MQTT devices
 * @param servedCounterAddress input register of every Modbus device's served-read counter (and the
 *     ledger of the control API), empty for none
 */
public record SimulatorOptions(
    double speed,
    Optional<ScenarioFile> scenario,
    int controlPort,
    String controlToken,
    Optional<MqttBrokerSettings> mqtt,
    OptionalInt servedCounterAddress) {
  public SimulatorOptions {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(controlToken, "controlToken");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(servedCounterAddress, "servedCounterAddress");
    if (servedCounterAddress.isPresent()
        && (servedCounterAddress.getAsInt() < 0
            || servedCounterAddress.getAsInt() > ServedCounter.MAX_ADDRESS)) {
      throw new IllegalArgumentException(
          "--served-counter must be an input-register address 0.."
              + ServedCounter.MAX_ADDRESS
              + " (it takes ADDRESS and ADDRESS+1), was "
              + servedCounterAddress.getAsInt());
    }
    if (!(speed > 0 && speed <= 100_000)) {
      throw new IllegalArgumentException("--speed must be in (0, 100000], was " + speed);
    }
    if (controlToken.length() < 16) {
      throw new IllegalArgumentException("control token must have at least 16 characters");
    }
  }

  /** Options without a served-read counter. */
  public SimulatorOptions(
      double speed,
      Optional<ScenarioFile> scenario,
      int controlPort,
      String controlToken,
      Optional<MqttBrokerSettings> mqtt) {
    this(speed, scenario, controlPort, controlToken, mqtt, OptionalInt.empty());
  }
}
