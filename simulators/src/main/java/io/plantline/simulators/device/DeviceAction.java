package io.plantline.simulators.device;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Something a scenario or the control API does to a device: a physics event, a sensor fault or a
 * transport fault. Built by {@link DeviceActions#parse}.
 *
 * @param name the action as written, e.g. {@code bearing-degradation}
 * @param description the action with its parameters, for logs and API answers
 */
public record DeviceAction(String name, String description, Consumer<SimulatedDevice> effect) {
  public DeviceAction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(effect, "effect");
  }

  public void applyTo(SimulatedDevice device) {
    effect.accept(device);
  }
}
