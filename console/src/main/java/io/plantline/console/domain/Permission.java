package io.plantline.console.domain;

/** What a request needs; {@link AccessPolicy} says which roles grant it. */
public enum Permission {
  /** Read devices, telemetry, alarms, work orders, assets, gateway health and live events. */
  READ,
  /** Acknowledge, shelve and unshelve alarms. */
  COMMAND_ALARMS,
  /** Work-order transitions assign, start and complete, and comments. */
  WORK_ON_ORDERS,
  /** Open work orders by hand, and the transitions cancel, plan and verify. */
  MANAGE_ORDERS,
  /** Re-baseline a control chart of the quality service (new limits, audited). */
  REBASELINE_CHARTS,
  /** Write setpoints and commands to devices (checked by the gateway against the register map). */
  WRITE_SETPOINTS,
  /** Read the console's audit log. */
  READ_AUDIT
}
