package io.plantline.energy.domain;

import java.time.LocalDate;

/**
 * One observation for an energy baseline (ISO 50006): a period's energy and its relevant variables.
 *
 * @param day the period (a site-local day, or the first day of a week or month)
 * @param energyKwh energy consumed
 * @param production units produced
 * @param degreeDays heating or cooling degree-days, NaN when not given
 */
public record BaselinePoint(LocalDate day, double energyKwh, double production, double degreeDays) {

  /** A point without degree-days. */
  public static BaselinePoint of(LocalDate day, double energyKwh, double production) {
    return new BaselinePoint(day, energyKwh, production, Double.NaN);
  }

  /** Whether degree-days are given. */
  public boolean hasDegreeDays() {
    return !Double.isNaN(degreeDays);
  }
}
