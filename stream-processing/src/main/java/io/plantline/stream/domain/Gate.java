package io.plantline.stream.domain;

import java.io.Serializable;

/**
 * A precondition on another metric of the same device, e.g. {@code state == 1} (RUNNING): a rule
 * with a gate only evaluates while the gate metric's latest value equals {@code equals}.
 *
 * @param metric the gate metric
 * @param equals the value it must have
 */
public record Gate(String metric, double equals) implements Serializable {

  /** Whether the device's latest value of the gate metric equals the expected value. */
  public boolean isOpen(DeviceView device) {
    double latest = device.latest(metric);
    return !Double.isNaN(latest) && latest == equals;
  }
}
