package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QualityGaugeTest {

  private static final String D = QualityGauge.DIMENSION;
  private static final Duration CYCLE = Duration.ofSeconds(20);

  /** Measures {@code n} parts, one cycle each. */
  private static double[] parts(DeviceModel gauge, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      gauge.advance(CYCLE);
      values[i] = gauge.read(D);
    }
    return values;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElseThrow();
  }

  private static double sd(double[] values) {
    double m = mean(values);
    return Math.sqrt(Arrays.stream(values).map(v -> (v - m) * (v - m)).sum() / (values.length - 1));
  }

  @Test
  void shouldMatchNominalAndSigmaOverTwoThousandParts() {
    DeviceModel gauge = Sim.create("quality-gauge", "nominalMm", 25.0, "sigmaMm", 0.004);

    double[] values = parts(gauge, 2000);

    assertThat(mean(values)).isCloseTo(25.0, within(0.0004));
    assertThat(sd(values)).isCloseTo(0.004, within(0.0003));
  }

  @Test
  void shouldApplyTheMeanOffset() {
    DeviceModel gauge = Sim.create("quality-gauge", "meanOffsetMm", 0.01);

    assertThat(mean(parts(gauge, 2000))).isCloseTo(25.01, within(0.0004));
  }

  @Test
  void shouldMeasureOnePartPerCycleAndHoldItsValue() {
    DeviceModel gauge = Sim.create("quality-gauge", "cycleSeconds", 20, "resolutionMm", 1e-6);
    assertThat(gauge.read(QualityGauge.PART_COUNT)).isEqualTo(1);

    gauge.advance(Duration.ofSeconds(19));
    double held = gauge.read(D);
    assertThat(gauge.read(QualityGauge.PART_COUNT)).isEqualTo(1);
    gauge.advance(Duration.ofSeconds(1));

    assertThat(gauge.read(QualityGauge.PART_COUNT)).isEqualTo(2);
    assertThat(gauge.read(D)).isNotEqualTo(held);
    Sim.run(gauge, 3600 - 20);
    assertThat(gauge.read(QualityGauge.PART_COUNT)).isEqualTo(181);
    assertThat(gauge.read(QualityGauge.STATUS)).isZero();
  }

  @Test
  void shouldMeasureTheSamePartsWhateverTheStepLength() {
    DeviceModel fine = Sim.create("quality-gauge");
    DeviceModel coarse = Sim.create("quality-gauge");

    for (int i = 0; i < 50; i++) {
      Sim.run(fine, 100);
      coarse.advance(Duration.ofSeconds(100));
      assertThat(coarse.read(D)).isEqualTo(fine.read(D));
      assertThat(coarse.read(QualityGauge.PART_COUNT))
          .isEqualTo(fine.read(QualityGauge.PART_COUNT));
    }
  }

  @Test
  void shouldRoundToTheGaugeResolution() {
    DeviceModel gauge = Sim.create("quality-gauge", "resolutionMm", 0.001);

    for (double value : parts(gauge, 200)) {
      assertThat(value * 1000).isCloseTo(Math.rint(value * 1000), within(1e-9));
      assertThat(Double.toString(value)).hasSizeLessThanOrEqualTo("25.0001".length());
    }
  }

  @Test
  void shouldMoveTheMeanAfterAShift() {
    DeviceModel gauge = Sim.create("quality-gauge");
    double before = mean(parts(gauge, 2000));

    gauge.apply(new DeviceEvent.Shift(D, 0.012));
    double[] after = parts(gauge, 2000);

    assertThat(mean(after) - before).isCloseTo(0.012, within(0.0006));
    assertThat(sd(after)).isCloseTo(0.004, within(0.0003));
  }

  @Test
  void shouldScaleTheSpreadAfterAVarianceChange() {
    DeviceModel gauge = Sim.create("quality-gauge");

    gauge.apply(new DeviceEvent.VarianceChange(D, 2));
    double[] after = parts(gauge, 2000);

    assertThat(sd(after)).isCloseTo(0.008, within(0.0005));
    assertThat(mean(after)).isCloseTo(25.0, within(0.0008));
  }

  @Test
  void shouldShrinkTheSpreadWithStratification() {
    DeviceModel gauge = Sim.create("quality-gauge", "resolutionMm", 0.0001);

    gauge.apply(new DeviceEvent.Stratification(D, 0.3));
    double[] stratified = parts(gauge, 2000);
    gauge.apply(new DeviceEvent.Stratification(D, 1));
    double[] restored = parts(gauge, 2000);

    assertThat(sd(stratified)).isCloseTo(0.0012, within(0.0001));
    assertThat(mean(stratified)).isCloseTo(25.0, within(0.0002));
    assertThat(sd(restored)).isCloseTo(0.004, within(0.0003));
  }

  @Test
  void shouldDriftTheMeanWithATrend() {
    DeviceModel gauge = Sim.create("quality-gauge");

    gauge.apply(new DeviceEvent.Trend(D, 0.002));
    double[] trending = parts(gauge, 1800);
    gauge.apply(new DeviceEvent.Trend(D, 0));
    double[] after = parts(gauge, 500);

    double firstHour = mean(Arrays.copyOfRange(trending, 0, 180));
    double lastHour = mean(Arrays.copyOfRange(trending, 1620, 1800));
    assertThat(lastHour - firstHour).isCloseTo(0.002 * 9, within(0.0015));
    assertThat(mean(after)).isCloseTo(25.0 + 0.002 * 10, within(0.0008));
  }

  @Test
  void shouldFollowACycle() {
    DeviceModel gauge = Sim.create("quality-gauge", "sigmaMm", 0.0005);

    gauge.apply(new DeviceEvent.Cycle(D, 0.02, Duration.ofMinutes(20)));
    gauge.advance(Duration.ofMinutes(5));
    double crest = gauge.read(D);
    gauge.advance(Duration.ofMinutes(10));
    double trough = gauge.read(D);

    assertThat(crest).isCloseTo(25.02, within(0.003));
    assertThat(trough).isCloseTo(24.98, within(0.003));
  }

  @Test
  void shouldReturnToTheControlledProcessOnResetFault() {
    DeviceModel gauge = Sim.create("quality-gauge");
    gauge.apply(new DeviceEvent.Shift(D, 0.05));
    gauge.apply(new DeviceEvent.VarianceChange(D, 3));
    gauge.apply(new DeviceEvent.Trend(D, 0.01));
    Sim.run(gauge, 3600);

    gauge.apply(new DeviceEvent.ResetFault());
    double[] values = parts(gauge, 2000);

    assertThat(mean(values)).isCloseTo(25.0, within(0.0004));
    assertThat(sd(values)).isCloseTo(0.004, within(0.0003));
  }

  @Test
  void shouldRejectProcessEventsForOtherPoints() {
    DeviceModel gauge = Sim.create("quality-gauge");

    assertThatThrownBy(() -> gauge.apply(new DeviceEvent.Shift("part_count", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("measured_dimension_mm");
    assertThatThrownBy(() -> gauge.apply(new DeviceEvent.Shift("diameter", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("diameter");
    assertThatThrownBy(() -> gauge.apply(new DeviceEvent.Start()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("quality-gauge does not support Start");
  }
}
