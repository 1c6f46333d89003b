package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Demand limiting: forecasts the running interval's demand and says when to alert. An alert is due
 * when the forecast exceeds the target, at least {@code settle} of the interval has passed (so the
 * first seconds' noise does not alert) and at least {@code minLead} is left to act in.
 *
 * @param grid the billing grid
 * @param targetKw the site's target peak demand, kW
 * @param settle how much of the interval must pass before alerting
 * @param minLead the least time left in the interval for an alert to be useful
 */
public record DemandLimiter(BillingGrid grid, double targetKw, Duration settle, Duration minLead) {

  /** Validates every component, naming it. */
  public DemandLimiter {
    Objects.requireNonNull(grid, "grid");
    if (!(targetKw > 0) || Double.isInfinite(targetKw)) {
      throw new IllegalArgumentException("targetPeakKw: must be positive, was " + targetKw);
    }
    if (settle.isNegative() || minLead.isNegative()) {
      throw new IllegalArgumentException("settle and minLead: must not be negative");
    }
    if (settle.plus(minLead).compareTo(grid.interval()) >= 0) {
      throw new IllegalArgumentException(
          "alertSettle + alertMinLead: must be shorter than the interval " + grid.interval());
    }
  }

  /**
   * The forecast at {@code at} from the energy since the interval holding {@code at} started and
   * the present power.
   */
  public DemandForecast forecast(Instant at, double energySoFarKwh, double powerNowKw) {
    Instant start = grid.intervalStart(at);
    Instant end = grid.intervalEnd(start);
    double lengthHours = Duration.between(start, end).toNanos() / 3.6e12;
    double leftHours = Duration.between(at, end).toNanos() / 3.6e12;
    double power = Math.max(0, powerNowKw);
    double predicted = (energySoFarKwh + power * leftHours) / lengthHours;
    double reduction = 0;
    if (predicted > targetKw && leftHours > 0) {
      double allowedRestKw = (targetKw * lengthHours - energySoFarKwh) / leftHours;
      reduction = power - allowedRestKw;
    }
    return new DemandForecast(
        start, end, at, energySoFarKwh, power, predicted, targetKw, Math.max(0, reduction));
  }

  /** The forecast if it calls for an alert now, else empty. */
  public Optional<DemandForecast> alert(Instant at, double energySoFarKwh, double powerNowKw) {
    DemandForecast f = forecast(at, energySoFarKwh, powerNowKw);
    boolean settled = Duration.between(f.intervalStart(), at).compareTo(settle) >= 0;
    boolean timeToAct = f.remaining().compareTo(minLead) >= 0;
    return f.exceedsTarget() && settled && timeToAct ? Optional.of(f) : Optional.empty();
  }
}
