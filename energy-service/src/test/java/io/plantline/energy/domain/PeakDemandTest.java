package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeakDemandTest {
  private static final BillingGrid BERLIN =
      new BillingGrid(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));

  private static IntervalEnergy at(String start, double kwh) {
    Instant s = Instant.parse(start);
    return new IntervalEnergy(s, s.plusSeconds(900), kwh, 900, 0);
  }

  @Test
  void shouldTakeTheHighestIntervalOfEachLocalMonthAndTheEarliestOnATie() {
    List<IntervalEnergy> intervals =
        List.of(
            at("2026-03-10T10:00:00Z", 30),
            at("2026-03-03T10:00:00Z", 30),
            at("2026-03-20T10:00:00Z", 12),
            at("2026-03-31T22:15:00Z", 40)); // 00:15 on 1 April in Berlin

    var peaks = PeakDemand.byPeriod(intervals, BERLIN);

    assertThat(peaks.get(YearMonth.of(2026, 3)))
        .isEqualTo(
            new PeakDemand(YearMonth.of(2026, 3), Instant.parse("2026-03-03T10:00:00Z"), 120));
    assertThat(peaks.get(YearMonth.of(2026, 4)).demandKw()).isEqualTo(160);
  }
}
