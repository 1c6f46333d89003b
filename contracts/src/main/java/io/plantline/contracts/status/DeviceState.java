package io.plantline.contracts.status;

/**
 * Whether a device has come online or gone away, or that the plant side saw its data go missing.
 */
public enum DeviceState {
  /** The device (or its gateway session) came online; published retained. */
  BIRTH,
  /** The device went offline, announced or through the MQTT last will. */
  DEATH,
  /**
   * Not a lifecycle state: the plant side (the MQTT bridge) saw sequence numbers missing in the
   * device's telemetry within one boot epoch. {@code reason} names the missing range, for example
   * {@code seq 41..57 missing (17 batches)}. Consumers that track online/offline ignore it; the
   * device is still in its previous lifecycle state.
   */
  GAP
}
