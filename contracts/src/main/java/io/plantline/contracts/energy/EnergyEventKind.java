package io.plantline.contracts.energy;

/** What an {@link EnergyEvent} reports. */
public enum EnergyEventKind {
  /** The running billing interval is forecast to end above the site's target peak demand. */
  PEAK_DEMAND_FORECAST,
  /** A machine drew power for several intervals in a row without producing. */
  IDLE_ENERGY
}
