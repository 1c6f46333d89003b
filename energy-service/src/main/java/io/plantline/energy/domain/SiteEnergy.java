package io.plantline.energy.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the energy service knows about one site: its billing grid, tariff, demand target,
 * meters and machines.
 *
 * @param siteId the site
 * @param grid billing intervals and periods in the site's zone
 * @param tariff prices and demand charge
 * @param limiter demand limiting on the billing meter
 * @param billingMeter the device id of the meter the utility bills (the site's main meter)
 * @param meters every energy meter of the site
 * @param machines the machines, each measured by one of the meters
 */
public record SiteEnergy(
    String siteId,
    BillingGrid grid,
    Tariff tariff,
    DemandLimiter limiter,
    String billingMeter,
    List<MeterSeries> meters,
    List<Machine> machines) {

  /** Copies the lists. */
  public SiteEnergy {
    meters = List.copyOf(meters);
    machines = List.copyOf(machines);
  }

  /** The meter reported by {@code deviceId}, if any. */
  public Optional<MeterSeries> meter(String deviceId) {
    return meters.stream().filter(m -> m.deviceId().equals(deviceId)).findFirst();
  }

  /** The machine whose production counter {@code deviceId} reports, if any. */
  public Optional<Machine> producer(String deviceId) {
    return machines.stream()
        .filter(m -> m.production() != null && m.production().deviceId().equals(deviceId))
        .findFirst();
  }

  /** The machines by id. */
  public Map<String, Machine> machinesById() {
    return machines.stream().collect(Collectors.toMap(Machine::id, Function.identity()));
  }
}
