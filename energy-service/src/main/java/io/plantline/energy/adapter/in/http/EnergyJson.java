package io.plantline.energy.adapter.in.http;

import io.plantline.energy.domain.Bill;
import io.plantline.energy.domain.EnergyBaseline;
import io.plantline.energy.domain.EnergyPerformance;
import io.plantline.energy.domain.EnergyReports;
import io.plantline.energy.domain.Gap;
import io.plantline.energy.domain.IntervalCost;
import io.plantline.energy.domain.IntervalEnergy;
import io.plantline.energy.domain.PeakDemand;
import io.plantline.energy.domain.PeriodEnpi;
import io.plantline.energy.domain.SiteEnergy;
import io.plantline.energy.domain.TimeOfUseRate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;

/** JSON bodies of the energy API (documented in {@code energy-openapi.yaml}). */
final class EnergyJson {
  private EnergyJson() {}

  static JsonObject site(SiteEnergy site) {
    JsonArray rates = new JsonArray();
    for (TimeOfUseRate r : site.tariff().rates()) {
      JsonArray days = new JsonArray();
      r.days().stream().sorted().forEach(d -> days.add(d.name()));
      rates.add(
          new JsonObject()
              .put("name", r.name())
              .put("days", days)
              .put("from", r.from().toString())
              .put("to", r.to().toString())
              .put("pricePerKwh", r.pricePerKwh()));
    }
    JsonArray meters = new JsonArray();
    site.meters().forEach(m -> meters.add(m.deviceId()));
    JsonArray machines = new JsonArray();
    site.machines()
        .forEach(
            m ->
                machines.add(
                    new JsonObject()
                        .put("id", m.id())
                        .put("line", m.line())
                        .put("meter", m.meterId())));
    return new JsonObject()
        .put("siteId", site.siteId())
        .put("timeZone", site.grid().zone().getId())
        .put("intervalMinutes", site.grid().interval().toMinutes())
        .put("targetPeakKw", site.limiter().targetKw())
        .put("billingMeter", site.billingMeter())
        .put("meters", meters)
        .put("machines", machines)
        .put(
            "tariff",
            new JsonObject()
                .put("currency", site.tariff().currency())
                .put("defaultPricePerKwh", site.tariff().defaultPricePerKwh())
                .put("demandChargePerKw", site.tariff().demandChargePerKw())
                .put("rates", rates));
  }

  static JsonObject loadProfile(
      SiteEnergy site, String meter, LocalDate day, EnergyReports.LoadProfile p) {
    JsonArray intervals = new JsonArray();
    for (int i = 0; i < p.intervals().size(); i++) {
      IntervalEnergy e = p.intervals().get(i);
      IntervalCost c = p.costs().get(i);
      intervals.add(
          new JsonObject()
              .put("start", e.start().toString())
              .put("end", e.end().toString())
              .put("energyKwh", e.amount())
              .put("demandKw", e.demand())
              .put("complete", e.complete())
              .put("gapSeconds", e.gapSeconds())
              .put("rate", c.rate())
              .put("cost", c.cost()));
    }
    JsonArray gaps = new JsonArray();
    for (Gap g : p.gaps()) {
      JsonObject gap =
          new JsonObject()
              .put("start", g.start().toString())
              .put("end", g.end().toString())
              .put("reason", g.reason().name());
      if (g.amountKnown()) {
        gap.put("unattributedKwh", g.unattributed());
      }
      gaps.add(gap);
    }
    return new JsonObject()
        .put("meter", meter)
        .put("day", day.toString())
        .put("currency", site.tariff().currency())
        .put("targetPeakKw", site.limiter().targetKw())
        .put("intervals", intervals)
        .put("gaps", gaps);
  }

  static JsonObject periodEnpi(PeriodEnpi enpi) {
    EnergyPerformance p = enpi.performance();
    return new JsonObject()
        .put("machine", enpi.machineId())
        .put("period", enpi.period().toString())
        .put("through", enpi.through().toString())
        .put("closed", enpi.closed())
        .put("energyKwh", p.energyKwh())
        .put("units", p.units())
        .put(
            "specificEnergyKwhPerUnit",
            Double.isNaN(p.specificEnergyKwhPerUnit()) ? null : p.specificEnergyKwhPerUnit())
        .put("idleEnergyKwh", p.idleEnergyKwh())
        .put("idleIntervals", p.idleIntervals())
        .put("baseLoadKw", p.baseLoadKw());
  }

  static JsonObject peak(PeakDemand peak) {
    return new JsonObject()
        .put("period", peak.period().toString())
        .put("intervalStart", peak.intervalStart().toString())
        .put("demandKw", peak.demandKw());
  }

  static JsonObject bill(Bill bill) {
    JsonObject byRate = new JsonObject();
    bill.energyCostByRate().forEach(byRate::put);
    JsonObject json =
        new JsonObject()
            .put("period", bill.period().toString())
            .put("currency", bill.currency())
            .put("energyKwh", bill.energyKwh())
            .put("energyCost", bill.energyCost())
            .put("energyCostByRate", byRate)
            .put("demandCharge", bill.demandCharge())
            .put("total", bill.total());
    if (bill.peak() != null) {
      json.put("peak", peak(bill.peak()));
    }
    return json;
  }

  static JsonObject enpi(
      String machine,
      Map<LocalDate, EnergyPerformance> days,
      EnergyBaseline baseline,
      EnergyBaseline.Improvement improvement) {
    JsonArray rows = new JsonArray();
    days.forEach(
        (day, p) ->
            rows.add(
                new JsonObject()
                    .put("day", day.toString())
                    .put("energyKwh", p.energyKwh())
                    .put("units", p.units())
                    .put(
                        "specificEnergyKwhPerUnit",
                        Double.isNaN(p.specificEnergyKwhPerUnit())
                            ? null
                            : p.specificEnergyKwhPerUnit())
                    .put("idleEnergyKwh", p.idleEnergyKwh())
                    .put("baseLoadKw", p.baseLoadKw())));
    JsonObject json = new JsonObject().put("machine", machine).put("days", rows);
    if (baseline != null) {
      json.put(
          "baseline",
          new JsonObject()
              .put("interceptKwh", baseline.intercept())
              .put("kwhPerUnit", baseline.perUnit())
              .put("rSquared", baseline.rSquared())
              .put("observations", baseline.observations())
              .put("adequate", baseline.adequate()));
      json.put(
          "improvement",
          new JsonObject()
              .put("expectedKwh", improvement.expectedKwh())
              .put("actualKwh", improvement.actualKwh())
              .put("savedKwh", improvement.savedKwh())
              .put(
                  "improvementPercent",
                  Double.isNaN(improvement.improvementPercent())
                      ? null
                      : improvement.improvementPercent()));
    }
    return json;
  }
}
