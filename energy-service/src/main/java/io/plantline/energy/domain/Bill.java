package io.plantline.energy.domain;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost of a period: energy cost by time-of-use rate, and the demand charge on the peak.
 *
 * @param period the billing period
 * @param currency the tariff's currency
 * @param energyKwh energy of the period's intervals
 * @param energyCostByRate energy cost per rate name
 * @param energyCost sum of the interval costs
 * @param peak the period's peak demand, null when no interval has energy
 * @param demandCharge peak kW times the demand charge
 */
public record Bill(
    YearMonth period,
    String currency,
    double energyKwh,
    Map<String, Double> energyCostByRate,
    double energyCost,
    PeakDemand peak,
    double demandCharge) {

  /** Energy cost plus demand charge. */
  public double total() {
    return energyCost + demandCharge;
  }

  /** The cost of each interval under {@code tariff}, in the order given. */
  public static List<IntervalCost> intervalCosts(
      Collection<IntervalEnergy> intervals, Tariff tariff, BillingGrid grid) {
    return intervals.stream()
        .map(
            i -> {
              Tariff.AppliedRate rate = tariff.rateAt(i.start(), grid);
              return new IntervalCost(
                  i.start(),
                  i.amount(),
                  rate.name(),
                  rate.pricePerKwh(),
                  i.amount() * rate.pricePerKwh());
            })
        .toList();
  }

  /**
   * The bill of {@code period} from the intervals (of one meter, or summed over a site's billing
   * meters) starting in it; other intervals are ignored.
   */
  public static Bill of(
      YearMonth period, Collection<IntervalEnergy> intervals, Tariff tariff, BillingGrid grid) {
    List<IntervalEnergy> inPeriod =
        intervals.stream().filter(i -> grid.period(i.start()).equals(period)).toList();
    Map<String, Double> byRate = new TreeMap<>();
    double energy = 0;
    double cost = 0;
    for (IntervalCost c : intervalCosts(inPeriod, tariff, grid)) {
      byRate.merge(c.rate(), c.cost(), Double::sum);
      energy += c.energyKwh();
      cost += c.cost();
    }
    PeakDemand peak = PeakDemand.byPeriod(inPeriod, grid).get(period);
    double demandCharge = peak == null ? 0 : peak.demandKw() * tariff.demandChargePerKw();
    return new Bill(period, tariff.currency(), energy, byRate, cost, peak, demandCharge);
  }
}
