package io.plantline.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportByExceptionTest {

  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  private final ReportByException rbe = new ReportByException(5.0, Duration.ofSeconds(60));

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void shouldReportTheFirstValue() {
    assertThat(rbe.shouldReport(1450.0, true, at(0))).isTrue();
  }

  @Test
  void shouldSuppressChangesWithinTheDeadbandAndReportChangesBeyondIt() {
    rbe.shouldReport(1450.0, true, at(0));

    assertThat(rbe.shouldReport(1454.0, true, at(1))).isFalse();
    assertThat(rbe.shouldReport(1445.0, true, at(2))).as("exactly the deadband").isFalse();
    assertThat(rbe.shouldReport(1455.5, true, at(3))).isTrue();
    assertThat(rbe.shouldReport(1451.0, true, at(4))).as("4.5 below the new reference").isFalse();
    assertThat(rbe.shouldReport(1450.0, true, at(5))).isTrue();
  }

  @Test
  void shouldCompareWithTheLastReportedValueSoSlowDriftIsReported() {
    rbe.shouldReport(100.0, true, at(0));

    assertThat(rbe.shouldReport(103.0, true, at(1))).isFalse();
    assertThat(rbe.shouldReport(106.0, true, at(2))).isTrue();
  }

  @Test
  void shouldReportEveryChangeButNoRepeatWithAZeroDeadband() {
    ReportByException exact = new ReportByException(0.0, Duration.ofSeconds(60));
    exact.shouldReport(2.0, true, at(0));

    assertThat(exact.shouldReport(2.0, true, at(1))).isFalse();
    assertThat(exact.shouldReport(2.001, true, at(2))).isTrue();
  }

  @Test
  void shouldSendAHeartbeatOnceMaxSilencePassed() {
    rbe.shouldReport(20.0, true, at(0));

    assertThat(rbe.shouldReport(20.0, true, T0.plusSeconds(60).minusMillis(1))).isFalse();
    assertThat(rbe.shouldReport(20.0, true, at(60))).isTrue();
    assertThat(rbe.shouldReport(20.0, true, at(119))).isFalse();
    assertThat(rbe.shouldReport(20.0, true, at(120))).isTrue();
  }

  @Test
  void shouldReportWhenQualityChangesEvenWithTheSameValue() {
    rbe.shouldReport(20.0, true, at(0));

    assertThat(rbe.shouldReport(20.0, false, at(1))).isTrue();
    assertThat(rbe.shouldReport(20.0, false, at(2))).isFalse();
    assertThat(rbe.shouldReport(20.0, true, at(3))).isTrue();
  }

  @Test
  void shouldReportWhenTheValueBecomesAndStopsBeingNaN() {
    rbe.shouldReport(20.0, true, at(0));

    assertThat(rbe.shouldReport(Double.NaN, true, at(1))).isTrue();
    assertThat(rbe.shouldReport(Double.NaN, true, at(2))).as("still NaN").isFalse();
    assertThat(rbe.shouldReport(Double.NaN, true, at(61))).as("heartbeat").isTrue();
    assertThat(rbe.shouldReport(20.0, true, at(62))).isTrue();
  }

  @Test
  void shouldRejectANegativeDeadbandOrNegativeSilence() {
    assertThatThrownBy(() -> new ReportByException(-1.0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReportByException(Double.NaN, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReportByException(1.0, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReportEveryReadingWhenMaxSilenceIsZero() {
    ReportByException rbe = new ReportByException(5.0, Duration.ZERO);
    Instant t = Instant.parse("2026-11-25T10:00:00Z");
    assertThat(rbe.shouldReport(1.0, true, t)).isTrue();
    assertThat(rbe.shouldReport(1.0, true, t.plusMillis(100))).isTrue();
    assertThat(rbe.shouldReport(1.1, true, t.plusMillis(200))).isTrue();
  }
}
