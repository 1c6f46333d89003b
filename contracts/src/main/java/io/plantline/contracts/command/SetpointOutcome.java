package io.plantline.contracts.command;

/** What became of a {@link SetpointCommand}. */
public enum SetpointOutcome {
  /** The device acknowledged the write. */
  APPLIED,
  /** Not attempted: unknown device or point, a read-only point, or a bad payload. */
  REJECTED,
  /** Not attempted: the command arrived after its {@code expiresAt}. */
  EXPIRED,
  /** Attempted, but the device refused it (Modbus exception) or did not answer. */
  FAILED
}
