package io.plantline.energy.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Energy performance indicators of a machine over a period, from its meter's intervals and its
 * production counter's intervals (units per interval) on the same grid.
 *
 * @param energyKwh energy of the period
 * @param units units produced in the period
 * @param specificEnergyKwhPerUnit {@code energyKwh / units}; NaN without production
 * @param idleEnergyKwh energy of the intervals without production (power drawn while not producing)
 * @param idleIntervals how many such intervals had energy
 * @param baseLoadKw the {@value #BASE_LOAD_PERCENTILE}th percentile of interval demand, a robust
 *     minimum standing load
 */
public record EnergyPerformance(
    double energyKwh,
    double units,
    double specificEnergyKwhPerUnit,
    double idleEnergyKwh,
    int idleIntervals,
    double baseLoadKw) {

  /** The percentile of interval demand taken as the base load. */
  public static final int BASE_LOAD_PERCENTILE = 10;

  /**
   * The indicators of the meter intervals given; an interval is idle when the production series has
   * no units in it (a missing production interval counts as none).
   */
  public static EnergyPerformance of(
      Collection<IntervalEnergy> meter, Map<Instant, IntervalEnergy> production) {
    double energy = 0;
    double units = 0;
    double idle = 0;
    int idleCount = 0;
    for (IntervalEnergy i : meter) {
      energy += i.amount();
      IntervalEnergy made = production.get(i.start());
      double produced = made == null ? 0 : made.amount();
      if (produced <= 0 && i.amount() > 0) {
        idle += i.amount();
        idleCount++;
      }
    }
    for (IntervalEnergy p : production.values()) {
      units += p.amount();
    }
    double[] demands = meter.stream().mapToDouble(IntervalEnergy::demand).sorted().toArray();
    double baseLoad = demands.length == 0 ? 0 : percentile(demands, BASE_LOAD_PERCENTILE);
    double sec = units > 0 ? energy / units : Double.NaN;
    return new EnergyPerformance(energy, units, sec, idle, idleCount, baseLoad);
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
