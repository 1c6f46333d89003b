package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The demand an interval will end with if the present power holds: {@code (energy so far + power
 * now × time left) / interval length}.
 *
 * @param intervalStart the running interval's start
 * @param intervalEnd its end
 * @param at when the forecast was made
 * @param energySoFarKwh energy since the interval started
 * @param powerNowKw active power at {@code at}
 * @param predictedKw the forecast end-of-interval demand
 * @param targetKw the site's target peak
 * @param reductionKw by how much power must drop for the rest of the interval to end at the target
 *     (0 when the forecast is at or below it; above the present power when the target can no longer
 *     be held)
 */
public record DemandForecast(
    Instant intervalStart,
    Instant intervalEnd,
    Instant at,
    double energySoFarKwh,
    double powerNowKw,
    double predictedKw,
    double targetKw,
    double reductionKw) {

  /** Whether the forecast exceeds the target. */
  public boolean exceedsTarget() {
    return predictedKw > targetKw;
  }

  /** Time left in the interval. */
  public Duration remaining() {
    return Duration.between(at, intervalEnd);
  }
}
