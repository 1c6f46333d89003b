package io.plantline.simulators.device;

import java.util.Objects;

/**
 * Who a simulated device is and where it sits in the plant.
 *
 * @param deviceId plant-unique id, also the MQTT/Kafka device id
 * @param siteId site of the plant file
 * @param areaId area within the site
 * @param model the device model type, e.g. {@code motor-spindle}
 * @param unitId Modbus unit id it answers to
 */
public record DeviceIdentity(
    String deviceId, String siteId, String areaId, String model, int unitId) {
  public DeviceIdentity {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(areaId, "areaId");
    Objects.requireNonNull(model, "model");
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException(deviceId + ": unitId must be 0..255, was " + unitId);
    }
  }
}
