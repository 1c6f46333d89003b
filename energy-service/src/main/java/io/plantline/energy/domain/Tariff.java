package io.plantline.energy.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A site's tariff: time-of-use energy prices (the first matching rate wins, else the default) and a
 * demand charge on the billing period's peak demand.
 *
 * @param currency ISO 4217 code of every price
 * @param rates time-of-use rates, in priority order
 * @param defaultPricePerKwh price when no rate applies
 * @param demandChargePerKw charge per kW of the period's peak demand
 */
public record Tariff(
    String currency,
    List<TimeOfUseRate> rates,
    double defaultPricePerKwh,
    double demandChargePerKw) {

  /** The name of the price that applies when no rate does. */
  public static final String DEFAULT_RATE = "default";

  /** Validates every component, naming it. */
  public Tariff {
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency: must be an ISO 4217 code, was " + currency);
    }
    rates = List.copyOf(Objects.requireNonNull(rates, "rates"));
    if (!(defaultPricePerKwh >= 0) || Double.isInfinite(defaultPricePerKwh)) {
      throw new IllegalArgumentException(
          "defaultPricePerKwh: must be 0 or more, was " + defaultPricePerKwh);
    }
    if (!(demandChargePerKw >= 0) || Double.isInfinite(demandChargePerKw)) {
      throw new IllegalArgumentException(
          "demandChargePerKw: must be 0 or more, was " + demandChargePerKw);
    }
  }

  /** The rate (name and price) at the start of an interval, read in the grid's zone. */
  public AppliedRate rateAt(Instant intervalStart, BillingGrid grid) {
    LocalDateTime local = LocalDateTime.ofInstant(intervalStart, grid.zone());
    for (TimeOfUseRate rate : rates) {
      if (rate.appliesAt(local)) {
        return new AppliedRate(rate.name(), rate.pricePerKwh());
      }
    }
    return new AppliedRate(DEFAULT_RATE, defaultPricePerKwh);
  }

  /**
   * A price that applied.
   *
   * @param name the rate's name
   * @param pricePerKwh its price
   */
  public record AppliedRate(String name, double pricePerKwh) {}
}
