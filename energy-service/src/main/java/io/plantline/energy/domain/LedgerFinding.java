package io.plantline.energy.domain;

import java.time.Instant;

/** Something the {@link EnergyLedger} found while recording a sample, to be published. */
public sealed interface LedgerFinding {

  /** The site concerned. */
  SiteEnergy site();

  /**
   * The billing meter's running interval is forecast to end above the site's target (once per
   * interval).
   *
   * @param site the site
   * @param meterId the billing meter
   * @param forecast the forecast that crossed the target
   */
  record DemandAlert(SiteEnergy site, String meterId, DemandForecast forecast)
      implements LedgerFinding {}

  /**
   * An interval that had a demand alert is over.
   *
   * @param site the site
   * @param meterId the billing meter
   * @param intervalStart the interval's start
   * @param intervalEnd its end
   * @param demandKw its demand as metered so far
   * @param at the time of the sample that showed the interval is over
   */
  record DemandAlertOver(
      SiteEnergy site,
      String meterId,
      Instant intervalStart,
      Instant intervalEnd,
      double demandKw,
      Instant at)
      implements LedgerFinding {}

  /**
   * A machine drew more than its idle threshold without producing, for its configured number of
   * intervals in a row (once per run).
   *
   * @param site the site
   * @param machine the machine
   * @param from the first idle interval's start
   * @param to the last idle interval's end
   * @param idleKwh energy of the run
   * @param intervals intervals in the run
   * @param at the time of the sample that closed the last interval
   */
  record IdleEnergy(
      SiteEnergy site,
      Machine machine,
      Instant from,
      Instant to,
      double idleKwh,
      int intervals,
      Instant at)
      implements LedgerFinding {}
}
