package io.plantline.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldAverageGapsBetweenAlarmCausedOrdersAndRepairTimesOfCompletedOnes() {
    Reliability r =
        Reliability.of(
            "press-07",
            List.of(
                new Reliability.OrderTimes(true, T0.plusSeconds(7200), null),
                new Reliability.OrderTimes(true, T0, T0.plusSeconds(600)),
                new Reliability.OrderTimes(false, T0.plusSeconds(100), T0.plusSeconds(50_000)),
                new Reliability.OrderTimes(
                    true, T0.plusSeconds(3600), T0.plusSeconds(3600 + 1800))));
    assertThat(r.failures()).isEqualTo(3);
    assertThat(r.repairs()).isEqualTo(2);
    assertThat(r.mtbf()).isEqualTo(Duration.ofSeconds(3600));
    assertThat(r.mttr()).isEqualTo(Duration.ofSeconds(1200));
  }

  @Test
  void shouldLeaveFiguresAbsentWithoutEnoughHistory() {
    Reliability none = Reliability.of("a", List.of());
    Reliability one = Reliability.of("a", List.of(new Reliability.OrderTimes(true, T0, null)));
    assertThat(none.mtbf()).isNull();
    assertThat(none.mttr()).isNull();
    assertThat(one.failures()).isEqualTo(1);
    assertThat(one.mtbf()).isNull();
    assertThat(one.mttr()).isNull();
  }
}
