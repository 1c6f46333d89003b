package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyLedgerTest {
  static final BillingGrid GRID =
      new BillingGrid(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));
  static final MeterSeries METER =
      new MeterSeries(
          "main-meter",
          "energy_kwh",
          "active_power_kw",
          new CounterSpec(0, Duration.ofMinutes(5), 1000, 0.01));
  static final MeterSeries PARTS =
      new MeterSeries(
          "press-1", "part_count", null, new CounterSpec(0, Duration.ofMinutes(5), 3600, 0));
  static final SiteEnergy SITE =
      new SiteEnergy(
          "site-1",
          GRID,
          new Tariff("EUR", List.of(), 0.2, 10),
          new DemandLimiter(GRID, 100, Duration.ofMinutes(2), Duration.ofMinutes(3)),
          "main-meter",
          List.of(METER),
          List.of(new Machine("press-1", "line-a", "main-meter", PARTS, 20, 2)));
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  /** Counter samples every 10 s for {@code minutes} at {@code kw(s)}. */
  static List<Sample> counter(int minutes, java.util.function.IntToDoubleFunction kw) {
    List<Sample> samples = new ArrayList<>();
    double kwh = 5000;
    for (int s = 0; s <= minutes * 60; s += 10) {
      samples.add(new Sample(T0.plusSeconds(s), kwh));
      kwh += kw.applyAsDouble(s) * 10 / 3600;
    }
    return samples;
  }

  @Test
  void shouldBuildTheSameReadModelFromShuffledAndRepeatedSamples() {
    List<Sample> samples = counter(60, s -> 60 + (s / 60) % 7 * 10);
    InMemoryEnergyStore inOrder = new InMemoryEnergyStore();
    EnergyLedger ledger = new EnergyLedger(inOrder);
    samples.forEach(s -> ledger.record(SITE, METER, s, OptionalDouble.empty()));

    List<Sample> shuffled = new ArrayList<>(samples);
    shuffled.addAll(samples.subList(100, 200)); // a replay
    Collections.shuffle(shuffled, new Random(1));
    InMemoryEnergyStore anyOrder = new InMemoryEnergyStore();
    EnergyLedger other = new EnergyLedger(anyOrder);
    shuffled.forEach(s -> other.record(SITE, METER, s, OptionalDouble.empty()));

    var intervals = inOrder.intervals(SeriesKey.of(METER));
    assertThat(intervals).hasSize(4);
    assertThat(anyOrder.intervals(SeriesKey.of(METER))).isEqualTo(intervals);
    double total = intervals.values().stream().mapToDouble(IntervalEnergy::amount).sum();
    assertThat(total)
        .isCloseTo(samples.get(samples.size() - 1).value() - samples.get(0).value(), within(1e-6));
    assertThat(anyOrder.peak(SeriesKey.of(METER), YearMonth.of(2026, 3)))
        .isEqualTo(inOrder.peak(SeriesKey.of(METER), YearMonth.of(2026, 3)));
  }

  @Test
  void shouldAlertOncePerIntervalBeforeItEndsAboveTheTargetAndSayWhenItIsOver() {
    // 80 kW, 140 kW from minute 4 of the first interval, 50 kW from the second
    List<Sample> samples = counter(20, s -> s < 240 ? 80 : s < 900 ? 140 : 50);
    EnergyLedger ledger = new EnergyLedger(new InMemoryEnergyStore());
    List<LedgerFinding> findings = new ArrayList<>();
    for (Sample s : samples) {
      long second = Duration.between(T0, s.time()).getSeconds();
      double kw = second < 240 ? 80 : second < 900 ? 140 : 50;
      findings.addAll(ledger.record(SITE, METER, s, OptionalDouble.of(kw)));
    }

    assertThat(findings).hasSize(2);
    LedgerFinding.DemandAlert alert = (LedgerFinding.DemandAlert) findings.get(0);
    assertThat(alert.forecast().intervalStart()).isEqualTo(T0);
    assertThat(alert.forecast().at()).isBefore(T0.plusSeconds(12 * 60));
    assertThat(alert.forecast().predictedKw()).isGreaterThan(100);
    LedgerFinding.DemandAlertOver over = (LedgerFinding.DemandAlertOver) findings.get(1);
    assertThat(over.demandKw()).isCloseTo(124, within(0.5));
  }

  @Test
  void shouldReportAnIdleRunOfAMachineThatDrawsPowerWithoutProducing() {
    InMemoryEnergyStore store = new InMemoryEnergyStore();
    EnergyLedger ledger = new EnergyLedger(store);
    // the press makes parts in the first quarter only, while the meter draws 40 kW throughout
    for (int s = 0; s <= 3600; s += 10) {
      double parts = Math.min(s, 900) / 10.0;
      ledger.record(SITE, PARTS, new Sample(T0.plusSeconds(s), parts), OptionalDouble.empty());
    }
    List<LedgerFinding> findings = new ArrayList<>();
    for (Sample s : counter(60, s -> 40)) {
      findings.addAll(ledger.record(SITE, METER, s, OptionalDouble.of(40)));
    }

    assertThat(findings).singleElement().isInstanceOf(LedgerFinding.IdleEnergy.class);
    LedgerFinding.IdleEnergy idle = (LedgerFinding.IdleEnergy) findings.get(0);
    assertThat(idle.from()).isEqualTo(T0.plusSeconds(900));
    assertThat(idle.to()).isEqualTo(T0.plusSeconds(2700));
    assertThat(idle.idleKwh()).isCloseTo(20, within(1e-6));
  }

  /** Records {@code samples} in batches of {@code size}, with {@code kw} as the power read. */
  static List<LedgerFinding> inBatches(
      EnergyLedger ledger,
      MeterSeries series,
      List<Sample> samples,
      int size,
      java.util.function.ToDoubleFunction<Sample> kw) {
    List<LedgerFinding> findings = new ArrayList<>();
    for (int i = 0; i < samples.size(); i += size) {
      List<MeterReading> batch = new ArrayList<>();
      for (Sample s : samples.subList(i, Math.min(samples.size(), i + size))) {
        batch.add(new MeterReading(s, OptionalDouble.of(kw.applyAsDouble(s))));
      }
      EnergyLedger.Recorded recorded = ledger.record(SITE, series, batch);
      recorded.written().toCompletableFuture().join();
      findings.addAll(recorded.findings());
    }
    return findings;
  }

  @Test
  void shouldWriteTheSameRowsAndFindingsInBatchesAsOneByOne() {
    List<Sample> samples = counter(50, s -> s < 240 ? 80 : s < 900 ? 140 : 50 + (s / 60) % 5 * 9);
    java.util.function.ToDoubleFunction<Sample> kw =
        s -> {
          long second = Duration.between(T0, s.time()).getSeconds();
          return second < 240 ? 80 : second < 900 ? 140 : 50;
        };
    InMemoryEnergyStore single = new InMemoryEnergyStore();
    List<LedgerFinding> oneByOne = inBatches(new EnergyLedger(single), METER, samples, 1, kw);
    InMemoryEnergyStore batched = new InMemoryEnergyStore();
    List<LedgerFinding> inBatches = inBatches(new EnergyLedger(batched), METER, samples, 37, kw);

    SeriesKey key = SeriesKey.of(METER);
    assertThat(single.intervals(key)).hasSize(4);
    assertThat(batched.intervals(key)).isEqualTo(single.intervals(key));
    assertThat(batched.samples(key)).isEqualTo(single.samples(key));
    assertThat(batched.peak(key, YearMonth.of(2026, 3)))
        .isPresent()
        .isEqualTo(single.peak(key, YearMonth.of(2026, 3)));
    // the press makes no parts: after the alert's interval, two idle intervals
    assertThat(oneByOne)
        .extracting(f -> f.getClass().getSimpleName())
        .containsExactly("DemandAlert", "DemandAlertOver", "IdleEnergy");
    assertThat(inBatches).isEqualTo(oneByOne);
    var first = (LedgerFinding.DemandAlert) oneByOne.get(0);
    var firstInBatch = (LedgerFinding.DemandAlert) inBatches.get(0);
    assertThat(firstInBatch.forecast()).isEqualTo(first.forecast());
  }

  @Test
  void shouldRebuildItsRecentSamplesFromTheStoreAfterForgettingThem() {
    List<Sample> samples = counter(60, s -> 60 + (s / 60) % 7 * 10);
    InMemoryEnergyStore inOrder = new InMemoryEnergyStore();
    inBatches(new EnergyLedger(inOrder), METER, samples, 25, s -> 0);

    InMemoryEnergyStore store = new InMemoryEnergyStore();
    EnergyLedger ledger = new EnergyLedger(store);
    inBatches(ledger, METER, samples.subList(0, 200), 25, s -> 0);
    ledger.forgetRecent(); // a partition moved: the rest is replayed from an earlier offset
    assertThat(ledger.heldSamples()).isZero();
    long readsBefore = store.sampleReads.get();
    List<Sample> replay = new ArrayList<>(samples.subList(150, samples.size()));
    Collections.shuffle(replay, new Random(7));
    inBatches(ledger, METER, replay, 25, s -> 0);

    SeriesKey key = SeriesKey.of(METER);
    assertThat(store.sampleReads.get()).isGreaterThan(readsBefore);
    assertThat(store.intervals(key)).isEqualTo(inOrder.intervals(key));
    assertThat(store.peak(key, YearMonth.of(2026, 3)))
        .isEqualTo(inOrder.peak(key, YearMonth.of(2026, 3)));
  }

  @Test
  void shouldHoldABoundedWindowAndReadTheStoreRarelyWhileTheSeriesMovesForward() {
    List<Sample> day = counter(24 * 60, s -> 100);
    InMemoryEnergyStore store = new InMemoryEnergyStore();
    EnergyLedger ledger = new EnergyLedger(store, Duration.ofHours(1));
    long maxHeld = 0;
    for (int i = 0; i < day.size(); i += 30) {
      inBatches(ledger, METER, day.subList(i, Math.min(day.size(), i + 30)), 30, s -> 100);
      maxHeld = Math.max(maxHeld, ledger.heldSamples());
    }

    // one hour of 10 s samples plus one batch, whatever the length of the day
    assertThat(maxHeld).isLessThanOrEqualTo(360 + 30 + 1);
    // a read when the series is first seen, then one per hour it moves forward
    assertThat(ledger.sampleReads()).isBetween(1L, 26L);
    assertThat(store.intervals(SeriesKey.of(METER))).hasSize(96);
  }

  @Test
  void shouldStoreTheMachinesEnpiOfThePeriodWhenItsMeterEntersANewDay() {
    // 23:00 to 00:10 local (Berlin) on the last night of March: 40 kW, a part every 10 s
    Instant start = Instant.parse("2026-03-31T21:00:00Z");
    List<Sample> parts = new ArrayList<>();
    List<Sample> energy = new ArrayList<>();
    for (int s = 0; s <= 70 * 60; s += 10) {
      parts.add(new Sample(start.plusSeconds(s), s / 10.0));
      energy.add(new Sample(start.plusSeconds(s), 700 + 40.0 * s / 3600));
    }
    InMemoryEnergyStore store = new InMemoryEnergyStore();
    EnergyLedger ledger = new EnergyLedger(store);
    inBatches(ledger, PARTS, parts, 30, s -> 0);
    inBatches(ledger, METER, energy, 30, s -> 40);

    PeriodEnpi march = store.enpi("site-1", "press-1", YearMonth.of(2026, 3)).orElseThrow();
    assertThat(march.through()).isEqualTo(java.time.LocalDate.of(2026, 3, 31));
    assertThat(march.closed()).isTrue();
    assertThat(march.performance().energyKwh()).isCloseTo(40, within(1e-6));
    assertThat(march.performance().units()).isCloseTo(360, within(1e-6));
    assertThat(march.performance().specificEnergyKwhPerUnit()).isCloseTo(40 / 360.0, within(1e-9));
    assertThat(store.enpi("site-1", "press-1", YearMonth.of(2026, 4))).isEmpty();

    // the same samples shuffled into another store: the late ones before midnight rewrite the row
    List<Sample> shuffledParts = new ArrayList<>(parts);
    List<Sample> shuffledEnergy = new ArrayList<>(energy);
    Collections.shuffle(shuffledParts, new Random(3));
    Collections.shuffle(shuffledEnergy, new Random(4));
    InMemoryEnergyStore other = new InMemoryEnergyStore();
    EnergyLedger replay = new EnergyLedger(other);
    inBatches(replay, PARTS, shuffledParts, 30, s -> 0);
    inBatches(replay, METER, shuffledEnergy, 30, s -> 40);
    PeriodEnpi replayed = other.enpi("site-1", "press-1", YearMonth.of(2026, 3)).orElseThrow();
    assertThat(replayed.through()).isEqualTo(march.through());
    assertThat(replayed.performance().energyKwh()).isCloseTo(40, within(1e-6));
    assertThat(replayed.performance().units()).isCloseTo(360, within(1e-6));
  }
}
