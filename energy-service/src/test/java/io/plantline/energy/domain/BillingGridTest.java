package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BillingGridTest {
  private static final BillingGrid BERLIN =
      new BillingGrid(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(15));

  @Test
  void shouldHave96QuarterHoursOnAnOrdinaryDay() {
    assertThat(BERLIN.intervalsOf(LocalDate.of(2026, 3, 2))).hasSize(96);
  }

  @Test
  void shouldHave92QuarterHoursOnTheSpringForwardDay() {
    var starts = BERLIN.intervalsOf(LocalDate.of(2026, 3, 29));

    assertThat(starts).hasSize(92);
    // 01:45 CET is followed by 03:00 CEST
    assertThat(starts.get(7)).isEqualTo(Instant.parse("2026-03-29T00:45:00Z"));
    assertThat(starts.get(8)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    assertThat(starts.get(8).atZone(BERLIN.zone()).getHour()).isEqualTo(3);
  }

  @Test
  void shouldHave100DistinctQuarterHoursOnTheFallBackDay() {
    var starts = BERLIN.intervalsOf(LocalDate.of(2026, 10, 25));

    assertThat(starts).hasSize(100).doesNotHaveDuplicates().isSorted();
    // 02:30 local happens twice: at 00:30Z (CEST) and at 01:30Z (CET)
    assertThat(BERLIN.intervalStart(Instant.parse("2026-10-25T00:37:00Z")))
        .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(BERLIN.intervalStart(Instant.parse("2026-10-25T01:37:00Z")))
        .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
  }

  @Test
  void shouldAlignToTheLocalWallClockNotToUtc() {
    // Nepal is UTC+05:45: local 10:00 is 04:15Z, so a 30-minute grid starts at :15 and :45 UTC
    BillingGrid kathmandu = new BillingGrid(ZoneId.of("Asia/Kathmandu"), Duration.ofMinutes(30));

    assertThat(kathmandu.intervalStart(Instant.parse("2026-05-04T04:20:00Z")))
        .isEqualTo(Instant.parse("2026-05-04T04:15:00Z"));
    assertThat(kathmandu.intervalEnd(Instant.parse("2026-05-04T04:15:00Z")))
        .isEqualTo(Instant.parse("2026-05-04T04:45:00Z"));
    assertThat(kathmandu.intervalsOf(LocalDate.of(2026, 5, 4)).get(0))
        .isEqualTo(Instant.parse("2026-05-03T18:15:00Z"));
  }

  @Test
  void shouldPutIntervalsInTheLocalCalendarMonth() {
    // 23:30Z on 31 March is 01:30 on 1 April in Berlin
    assertThat(BERLIN.period(Instant.parse("2026-03-31T23:30:00Z")))
        .isEqualTo(YearMonth.of(2026, 4));
    assertThat(BERLIN.day(Instant.parse("2026-03-31T21:30:00Z")))
        .isEqualTo(LocalDate.of(2026, 3, 31));
  }

  @Test
  void shouldRejectAnIntervalThatDoesNotDivideAnHour() {
    assertThatThrownBy(() -> new BillingGrid(ZoneId.of("UTC"), Duration.ofMinutes(7)))
        .hasMessageStartingWith("interval:");
    assertThatThrownBy(() -> new BillingGrid(ZoneId.of("UTC"), Duration.ofSeconds(90)))
        .hasMessageStartingWith("interval:");
  }
}
