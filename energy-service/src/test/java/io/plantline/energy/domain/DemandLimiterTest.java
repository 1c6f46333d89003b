package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemandLimiterTest {
  private static final BillingGrid GRID =
      new BillingGrid(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));
  private static final DemandLimiter LIMITER =
      new DemandLimiter(GRID, 100, Duration.ofMinutes(2), Duration.ofMinutes(3));
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void shouldForecastTheEndOfIntervalDemandAndTheReductionNeeded() {
    // 5 min in at 120 kW: 10 kWh so far; 10 more minutes at 120 kW end at 30 kWh = 120 kW
    DemandForecast f = LIMITER.forecast(START.plusSeconds(300), 10, 120);

    assertThat(f.intervalStart()).isEqualTo(START);
    assertThat(f.predictedKw()).isCloseTo(120, within(1e-9));
    // 25 kWh allowed, 15 kWh left for 10 minutes: 90 kW, so 30 kW less
    assertThat(f.reductionKw()).isCloseTo(30, within(1e-9));
    assertThat(LIMITER.alert(START.plusSeconds(300), 10, 120)).contains(f);
  }

  @Test
  void shouldNotAlertBeforeTheIntervalSettlesNorWhenTooLateToAct() {
    assertThat(LIMITER.alert(START.plusSeconds(60), 2, 120)).isEmpty();
    assertThat(LIMITER.alert(START.plusSeconds(13 * 60), 26, 120)).isEmpty();
    assertThat(LIMITER.alert(START.plusSeconds(5 * 60), 5, 60)).isEmpty();
  }

  @Test
  void shouldAlertBeforeTheIntervalEndsAboveTheTarget() {
    // 80 kW, then the load steps to 140 kW at minute 4: the interval ends at 124 kW
    Optional<DemandForecast> first = Optional.empty();
    double energy = 0;
    for (int s = 0; s < 900; s++) {
      double power = s < 240 ? 80 : 140;
      energy += power / 3600;
      if (first.isEmpty()) {
        first = LIMITER.alert(START.plusSeconds(s + 1), energy, power);
      }
    }

    assertThat(energy * 4).isCloseTo(124, within(1e-6)).isGreaterThan(100);
    assertThat(first).isPresent();
    assertThat(first.get().at()).isBefore(START.plusSeconds(12 * 60));
    assertThat(first.get().predictedKw()).isGreaterThan(100);
  }

  @Test
  void shouldStopAlertingOnceABriefSpikeIsOver() {
    // 80 kW with a 30 s spike to 300 kW at minute 6: the interval ends at 87.3 kW
    double energy = 0;
    boolean alertedDuringSpike = false;
    boolean alertedAfterSpike = false;
    for (int s = 0; s < 900; s++) {
      double power = s >= 360 && s < 390 ? 300 : 80;
      energy += power / 3600;
      boolean alert = LIMITER.alert(START.plusSeconds(s + 1), energy, power).isPresent();
      if (s < 390) {
        alertedDuringSpike |= alert;
      } else {
        alertedAfterSpike |= alert;
      }
    }

    assertThat(energy * 4).isCloseTo(87.33, within(0.01));
    // held for the rest of the interval, 300 kW would set a peak: that forecast is right to alert
    assertThat(alertedDuringSpike).isTrue();
    assertThat(alertedAfterSpike).isFalse();
  }

  @Test
  void shouldRejectATargetThatIsNotPositive() {
    assertThatThrownBy(() -> new DemandLimiter(GRID, 0, Duration.ZERO, Duration.ZERO))
        .hasMessageStartingWith("targetPeakKw:");
  }
}
