package io.plantline.contracts.telemetry;

/** Quality of one reading, as judged by the gateway (OPC UA and Sparkplug use the same three). */
public enum Quality {
  /** The value was read and decoded without doubt. */
  GOOD,
  /** The value was read but may be stale, clamped or out of the sensor's range. */
  UNCERTAIN,
  /** The value could not be trusted, for example after a read error; do not use it for control. */
  BAD
}
