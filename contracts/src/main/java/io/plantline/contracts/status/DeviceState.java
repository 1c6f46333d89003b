package io.plantline.contracts.status;

/** Whether a device has come online or gone away. */
public enum DeviceState {
  /** The device (or its gateway session) came online; published retained. */
  BIRTH,
  /** The device went offline, announced or through the MQTT last will. */
  DEATH
}
