package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyPerformanceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  private static IntervalEnergy quarter(int n, double amount) {
    Instant start = T0.plusSeconds(900L * n);
    return new IntervalEnergy(start, start.plusSeconds(900), amount, 900, 0);
  }

  @Test
  void shouldComputeSpecificIdleAndBaseLoad() {
    List<IntervalEnergy> meter =
        List.of(quarter(0, 10), quarter(1, 10), quarter(2, 5), quarter(3, 5));
    Map<Instant, IntervalEnergy> production =
        Map.of(
            quarter(0, 0).start(),
            quarter(0, 20),
            quarter(1, 0).start(),
            quarter(1, 20),
            quarter(2, 0).start(),
            quarter(2, 0));

    EnergyPerformance p = EnergyPerformance.of(meter, production);

    assertThat(p.energyKwh()).isEqualTo(30);
    assertThat(p.units()).isEqualTo(40);
    assertThat(p.specificEnergyKwhPerUnit()).isEqualTo(0.75);
    assertThat(p.idleEnergyKwh()).isEqualTo(10); // quarters 2 (no units) and 3 (no production row)
    assertThat(p.idleIntervals()).isEqualTo(2);
    assertThat(p.baseLoadKw()).isEqualTo(20); // 10th percentile of 40, 40, 20, 20 kW
  }

  @Test
  void shouldHaveNoSpecificEnergyWithoutProduction() {
    EnergyPerformance p = EnergyPerformance.of(List.of(quarter(0, 3)), Map.of());

    assertThat(p.specificEnergyKwhPerUnit()).isNaN();
    assertThat(p.idleEnergyKwh()).isEqualTo(3);
  }

  @Test
  void shouldRecoverAnExactBaselineAndItsImprovement() {
    List<BaselinePoint> baseline = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      double units = 100 + 37 * d % 200;
      baseline.add(
          BaselinePoint.of(LocalDate.of(2026, 1, 5).plusDays(d), 500 + 2.5 * units, units));
    }

    EnergyBaseline model = EnergyBaseline.fit(baseline);

    assertThat(model.intercept()).isCloseTo(500, within(1e-6));
    assertThat(model.perUnit()).isCloseTo(2.5, within(1e-9));
    assertThat(model.rSquared()).isCloseTo(1, within(1e-9));
    assertThat(model.usesDegreeDays()).isFalse();
    // reporting: 300 units a day, 5 % less energy than the baseline expects (1250 kWh)
    List<BaselinePoint> reporting =
        List.of(
            BaselinePoint.of(LocalDate.of(2026, 3, 2), 0.95 * 1250, 300),
            BaselinePoint.of(LocalDate.of(2026, 3, 3), 0.95 * 1250, 300));
    EnergyBaseline.Improvement improvement = model.improvement(reporting);
    assertThat(improvement.expectedKwh()).isCloseTo(2500, within(1e-6));
    assertThat(improvement.savedKwh()).isCloseTo(125, within(1e-6));
    assertThat(improvement.improvementPercent()).isCloseTo(5, within(1e-9));
  }

  @Test
  void shouldUseDegreeDaysWhenEveryPointHasThem() {
    Random random = new Random(23);
    List<BaselinePoint> baseline = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      double units = 200 + random.nextInt(300);
      double hdd = random.nextDouble() * 15;
      double noise = random.nextGaussian() * 20;
      baseline.add(
          new BaselinePoint(
              LocalDate.of(2026, 1, 1).plusDays(d),
              300 + 2 * units + 10 * hdd + noise,
              units,
              hdd));
    }

    EnergyBaseline model = EnergyBaseline.fit(baseline);

    assertThat(model.usesDegreeDays()).isTrue();
    assertThat(model.perUnit()).isCloseTo(2, within(0.1));
    assertThat(model.perDegreeDay()).isCloseTo(10, within(1.5));
    assertThat(model.intercept()).isCloseTo(300, within(40.0));
    assertThat(model.rSquared()).isBetween(0.9, 0.9999);
    assertThat(model.adequate()).isTrue();
  }

  @Test
  void shouldRefuseABaselineOfTooFewOrConstantPeriods() {
    List<BaselinePoint> three =
        List.of(
            BaselinePoint.of(LocalDate.of(2026, 1, 1), 10, 1),
            BaselinePoint.of(LocalDate.of(2026, 1, 2), 20, 2),
            BaselinePoint.of(LocalDate.of(2026, 1, 3), 30, 3));
    assertThatThrownBy(() -> EnergyBaseline.fit(three)).hasMessageStartingWith("baseline:");
    List<BaselinePoint> constant = new ArrayList<>();
    for (int d = 0; d < 6; d++) {
      constant.add(BaselinePoint.of(LocalDate.of(2026, 1, 1).plusDays(d), 10 + d, 5));
    }
    assertThatThrownBy(() -> EnergyBaseline.fit(constant)).hasMessageStartingWith("baseline:");
  }
}
