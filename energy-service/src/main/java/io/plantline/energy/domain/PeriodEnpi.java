package io.plantline.energy.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A machine's energy performance over a billing period, as stored in the read model: computed from
 * the stored intervals of its meter and production counter from the period's first day through
 * {@code through}, each time one of its series enters a new site-local day; final once {@code
 * closed}.
 *
 * @param siteId the site
 * @param machineId the machine
 * @param period the billing period
 * @param through the last site-local day included
 * @param closed whether {@code through} is the period's last day
 * @param performance the indicators
 */
public record PeriodEnpi(
    String siteId,
    String machineId,
    YearMonth period,
    LocalDate through,
    boolean closed,
    EnergyPerformance performance) {

  /** Requires every part, and {@code through} within the period. */
  public PeriodEnpi {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(machineId, "machineId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(through, "through");
    Objects.requireNonNull(performance, "performance");
    if (!YearMonth.from(through).equals(period)) {
      throw new IllegalArgumentException("through: must lie in " + period + ", was " + through);
    }
  }
}
