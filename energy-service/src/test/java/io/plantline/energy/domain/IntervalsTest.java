package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalsTest {
  private static final BillingGrid BERLIN =
      new BillingGrid(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));
  private static final CounterSpec SPEC =
      new CounterSpec(100_000, Duration.ofMinutes(5), 1000, 0.01);

  @Test
  void shouldSplitASegmentAcrossTheIntervalsItSpans() {
    Instant t = Instant.parse("2026-03-02T08:10:00Z");
    Consumption c =
        new Consumption(List.of(new Segment(t, t.plusSeconds(600), 10)), List.of(), List.of());

    var intervals = Intervals.of(c, BERLIN);

    assertThat(intervals.values()).extracting(IntervalEnergy::amount).containsExactly(5.0, 5.0);
    assertThat(intervals.firstKey()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(intervals.firstEntry().getValue().coveredSeconds()).isEqualTo(300);
    assertThat(intervals.firstEntry().getValue().complete()).isFalse();
  }

  @Test
  void shouldMeterAConstantLoadOverTheSpringForwardDay() {
    // 100 kW for the 23 hours of 29 March 2026 in Berlin, a counter sample every minute
    assertConstantLoadDay(LocalDate.of(2026, 3, 29), 92, 2300);
  }

  @Test
  void shouldMeterAConstantLoadOverTheFallBackDay() {
    assertConstantLoadDay(LocalDate.of(2026, 10, 25), 100, 2500);
  }

  private static void assertConstantLoadDay(LocalDate day, int count, double kwh) {
    List<Sample> samples = new ArrayList<>();
    Instant start = BERLIN.startOf(day);
    Instant end = BERLIN.startOf(day.plusDays(1));
    double counter = 99_000; // passes 100,000 and rolls over during the day
    for (Instant t = start; !t.isAfter(end); t = t.plusSeconds(60)) {
      samples.add(new Sample(t, counter % 100_000));
      counter += 100.0 / 60;
    }

    var intervals = Intervals.of(CounterConsumption.of(samples, SPEC), BERLIN);

    assertThat(intervals).hasSize(count);
    assertThat(intervals.values())
        .allSatisfy(i -> assertThat(i.demand()).isCloseTo(100, within(1e-6)));
    assertThat(intervals.values()).allMatch(IntervalEnergy::complete);
    assertThat(Intervals.total(intervals.values(), start, end)).isCloseTo(kwh, within(1e-6));
  }

  @Test
  void shouldSumIntervalsToTheCounterDifferenceMinusGapsInAnyArrivalOrder() {
    Random random = new Random(3);
    for (int round = 0; round < 30; round++) {
      List<Sample> samples = CounterConsumptionTest.randomCounter(random, 800, 100_000);
      Consumption c = CounterConsumption.of(samples, SPEC);
      long rollovers =
          c.events().stream().filter(e -> e.kind() == CounterEvent.Kind.ROLLOVER).count();
      double difference =
          samples.get(samples.size() - 1).value() - samples.get(0).value() + rollovers * 100_000;
      var intervals = Intervals.of(c, BERLIN);

      double sum = intervals.values().stream().mapToDouble(IntervalEnergy::amount).sum();
      assertThat(sum).isCloseTo(difference - c.unattributed(), within(1e-6));
      assertThat(c.gaps()).isNotEmpty();

      List<Sample> shuffled = new ArrayList<>(samples);
      Collections.shuffle(shuffled, random);
      assertThat(Intervals.of(CounterConsumption.of(shuffled, SPEC), BERLIN)).isEqualTo(intervals);
    }
  }

  @Test
  void shouldMarkGapTimeInTheIntervalsItCovers() {
    Instant t = Instant.parse("2026-03-02T08:00:00Z");
    Consumption c =
        CounterConsumption.of(
            List.of(
                new Sample(t, 10),
                new Sample(t.plusSeconds(60), 11),
                new Sample(t.plusSeconds(1860), 40)),
            SPEC);

    var intervals = Intervals.of(c, BERLIN);

    assertThat(intervals.values())
        .extracting(IntervalEnergy::amount)
        .containsExactly(1.0, 0.0, 0.0);
    assertThat(intervals.values())
        .extracting(IntervalEnergy::gapSeconds)
        .containsExactly(840.0, 900.0, 60.0);
    assertThat(c.unattributed()).isEqualTo(29);
  }
}
