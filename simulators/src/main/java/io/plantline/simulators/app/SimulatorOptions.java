package io.plantline.simulators.app;

import io.plantline.simulators.adapter.out.mqtt.MqttBrokerSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a plant.
 *
 * @param speed simulated seconds per real second
 * @param scenario actions scheduled in simulated time
 * @param controlPort port of the REST control API, 0 for a free one
 * @param controlToken bearer token the control API requires
 * @param mqtt broker for MQTT devices
 */
public record SimulatorOptions(
    double speed,
    Optional<ScenarioFile> scenario,
    int controlPort,
    String controlToken,
    Optional<MqttBrokerSettings> mqtt) {
  public SimulatorOptions {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(controlToken, "controlToken");
    Objects.requireNonNull(mqtt, "mqtt");
    if (!(speed > 0 && speed <= 100_000)) {
      throw new IllegalArgumentException("--speed must be in (0, 100000], was " + speed);
    }
    if (controlToken.length() < 16) {
      throw new IllegalArgumentException("control token must have at least 16 characters");
    }
  }
}
