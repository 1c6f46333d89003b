package io.plantline.simulators.domain;

import java.util.Arrays;
import java.util.Locale;

/** The run state of a machine as its energy meter sees it, with the code of the point. */
public enum MachineState {
  /** Switched off (standby draw only). */
  OFF(0),
  /** Powered, not producing: hydraulics, spindles and controls on. */
  IDLE(1),
  /** Changeover and setup between jobs. */
  SETUP(2),
  /** Producing. */
  RUNNING(3);

  private final int code;

  MachineState(int code) {
    this.code = code;
  }

  /** The value of the {@code machine_state} point. */
  public int code() {
    return code;
  }

  /** The state named {@code name} (off, idle, setup, running), in any case. */
  public static MachineState named(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "state: must be one of "
              + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()
              + ", was "
              + name);
    }
  }
}
