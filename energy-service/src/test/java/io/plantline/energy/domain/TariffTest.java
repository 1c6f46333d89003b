package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TariffTest {
  static final BillingGrid BERLIN =
      new BillingGrid(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));
  static final EnumSet<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  static final Tariff TARIFF =
      new Tariff(
          "EUR",
          List.of(
              new TimeOfUseRate("peak", WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(20, 0), 0.30),
              new TimeOfUseRate("night", WEEKDAYS, LocalTime.of(22, 0), LocalTime.of(6, 0), 0.10)),
          0.18,
          12.5);

  private static String rateAt(String localDateTime) {
    Instant t = LocalDateTime.parse(localDateTime).atZone(BERLIN.zone()).toInstant();
    return TARIFF.rateAt(t, BERLIN).name();
  }

  @Test
  void shouldPickTheRateByLocalTimeAndDay() {
    assertThat(rateAt("2026-03-02T07:45")).isEqualTo("default"); // Monday before the peak
    assertThat(rateAt("2026-03-02T08:00")).isEqualTo("peak");
    assertThat(rateAt("2026-03-02T19:45")).isEqualTo("peak");
    assertThat(rateAt("2026-03-02T20:00")).isEqualTo("default");
    assertThat(rateAt("2026-03-02T23:00")).isEqualTo("night");
    assertThat(rateAt("2026-03-03T05:45")).isEqualTo("night"); // Tuesday morning, Monday's night
    assertThat(rateAt("2026-03-07T10:00")).isEqualTo("default"); // Saturday
    assertThat(rateAt("2026-03-07T02:00")).isEqualTo("night"); // Friday's night
    assertThat(rateAt("2026-03-09T02:00")).isEqualTo("default"); // Sunday's night is not listed
  }

  @Test
  void shouldFollowLocalTimeAcrossTheDaylightSavingChange() {
    // Monday 30 March 2026 is CEST (UTC+2): 06:00Z is 08:00 local, the peak starts
    assertThat(TARIFF.rateAt(Instant.parse("2026-03-30T06:00:00Z"), BERLIN).name())
        .isEqualTo("peak");
    // a week earlier (CET, UTC+1) 06:00Z is 07:00 local
    assertThat(TARIFF.rateAt(Instant.parse("2026-03-23T06:00:00Z"), BERLIN).name())
        .isEqualTo("default");
  }

  @Test
  void shouldBillAWeekdayOfKnownIntervals() {
    // Monday 2 March 2026: 10 kWh every quarter hour (40 kW) and one 12.5 kWh quarter at 09:00
    LocalDate monday = LocalDate.of(2026, 3, 2);
    List<IntervalEnergy> intervals = new ArrayList<>();
    for (Instant start : BERLIN.intervalsOf(monday)) {
      double kwh = start.equals(Instant.parse("2026-03-02T08:00:00Z")) ? 12.5 : 10;
      intervals.add(new IntervalEnergy(start, start.plusSeconds(900), kwh, 900, 0));
    }

    Bill bill = Bill.of(YearMonth.of(2026, 3), intervals, TARIFF, BERLIN);

    // 48 peak quarters; 8 night quarters (22-24: Monday 00-06 is Sunday's night, not listed);
    // 40 default quarters (00-08, 20-22)
    assertThat(bill.energyCostByRate().get("peak"))
        .isCloseTo((47 * 10 + 12.5) * 0.30, within(1e-9));
    assertThat(bill.energyCostByRate().get("night")).isCloseTo(8 * 10 * 0.10, within(1e-9));
    assertThat(bill.energyCostByRate().get("default")).isCloseTo(40 * 10 * 0.18, within(1e-9));
    assertThat(bill.energyKwh()).isCloseTo(962.5, within(1e-9));
    assertThat(bill.peak().demandKw()).isEqualTo(50);
    assertThat(bill.peak().intervalStart()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(bill.demandCharge()).isCloseTo(50 * 12.5, within(1e-9));
    assertThat(bill.total()).isCloseTo(144.75 + 8 + 72 + 625, within(1e-9));
  }

  @Test
  void shouldCostEachIntervalAtTheTariffAppliedToIt() {
    Random random = new Random(17);
    List<IntervalEnergy> intervals = new ArrayList<>();
    for (LocalDate day = LocalDate.of(2026, 3, 1);
        day.isBefore(LocalDate.of(2026, 4, 1));
        day = day.plusDays(1)) {
      for (Instant start : BERLIN.intervalsOf(day)) {
        intervals.add(
            new IntervalEnergy(start, BERLIN.intervalEnd(start), random.nextDouble() * 30, 900, 0));
      }
    }

    Bill bill = Bill.of(YearMonth.of(2026, 3), intervals, TARIFF, BERLIN);

    double expected = 0;
    double peakKw = 0;
    for (IntervalEnergy i : intervals) {
      LocalDateTime local = LocalDateTime.ofInstant(i.start(), BERLIN.zone());
      expected += i.amount() * priceByHand(local);
      peakKw = Math.max(peakKw, i.amount() * 4);
    }
    assertThat(bill.energyCost()).isCloseTo(expected, within(1e-6));
    assertThat(bill.peak().demandKw()).isCloseTo(peakKw, within(1e-9));
    assertThat(bill.energyCostByRate().values().stream().mapToDouble(d -> d).sum())
        .isCloseTo(bill.energyCost(), within(1e-6));
  }

  /** The tariff above written out as plain conditions. */
  private static double priceByHand(LocalDateTime t) {
    int hour = t.getHour();
    boolean weekday = t.getDayOfWeek().getValue() <= 5;
    boolean dayBeforeWeekday = t.getDayOfWeek().minus(1).getValue() <= 5;
    if (weekday && hour >= 8 && hour < 20) {
      return 0.30;
    }
    if ((weekday && hour >= 22) || (dayBeforeWeekday && hour < 6)) {
      return 0.10;
    }
    return 0.18;
  }

  @Test
  void shouldRejectBadRatesNamingTheField() {
    assertThatThrownBy(() -> new Tariff("euro", List.of(), 0.1, 1))
        .hasMessageStartingWith("currency:");
    assertThatThrownBy(() -> new Tariff("EUR", List.of(), -0.1, 1))
        .hasMessageStartingWith("defaultPricePerKwh:");
    assertThatThrownBy(() -> new TimeOfUseRate("x", WEEKDAYS, LocalTime.NOON, LocalTime.NOON, 0.1))
        .hasMessageStartingWith("to:");
    assertThatThrownBy(
            () ->
                new TimeOfUseRate(
                    "x", EnumSet.noneOf(DayOfWeek.class), LocalTime.NOON, LocalTime.MIDNIGHT, 0.1))
        .hasMessageStartingWith("days:");
  }
}
