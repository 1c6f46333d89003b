package io.plantline.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Capability intervals and the normality test, by their statistical properties. */
class CapabilityTest {
  private static final SpecLimits SPEC =
      new SpecLimits(OptionalDouble.of(-3), OptionalDouble.of(4.5), OptionalDouble.of(0));

  private static double[] normal(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  /** The 95 % intervals of Ppk and Pp cover the true values in about 95 % of samples. */
  @Test
  void shouldCoverTheTrueIndicesAtTheStatedConfidence() {
    SplittableRandom random = new SplittableRandom(42);
    double truePpk = 3.0 / 3; // min(4.5 − 0, 0 + 3)/3σ with μ = 0, σ = 1
    double truePp = 7.5 / 6;
    int runs = 2000;
    int ppkCovered = 0;
    int ppCovered = 0;
    for (int r = 0; r < runs; r++) {
      Capability.Report report = Capability.of(normal(random, 60), 1, SPEC, 0.95);
      if (report.ppk().lower() <= truePpk && truePpk <= report.ppk().upper()) {
        ppkCovered++;
      }
      if (report.pp().lower() <= truePp && truePp <= report.pp().upper()) {
        ppCovered++;
      }
    }
    assertThat(ppkCovered / (double) runs).isCloseTo(0.95, within(0.015));
    assertThat(ppCovered / (double) runs).isCloseTo(0.95, within(0.015));
  }

  @Test
  void shouldPenaliseAnOffTargetMeanInCpm() {
    double[] centred =
        PublishedExamplesTest.standardized(normal(new SplittableRandom(1), 50), 0, 1);
    double[] off = centred.clone();
    for (int i = 0; i < off.length; i++) {
      off[i] += 1;
    }
    Capability.Report a = Capability.of(centred, 1, SPEC, 0.95);
    Capability.Report b = Capability.of(off, 1, SPEC, 0.95);
    // Cpm = 7.5 / 6√(s² + (μ − T)²): 1.25 on target, 1.25/√2 one σ off
    assertThat(a.cpm().value()).isCloseTo(1.25, within(1e-9));
    assertThat(b.cpm().value()).isCloseTo(1.25 / Math.sqrt(2), within(1e-9));
    assertThat(b.pp().value()).isCloseTo(a.pp().value(), within(1e-9));
  }

  @Test
  void shouldRejectNormalityForSkewedDataAndKeepItForNormalData() {
    SplittableRandom random = new SplittableRandom(9);
    int rejectedNormal = 0;
    int rejectedExponential = 0;
    int runs = 1000;
    for (int r = 0; r < runs; r++) {
      if (NormalityTest.andersonDarling(normal(random, 50)).rejects(0.05)) {
        rejectedNormal++;
      }
      double[] skewed = new double[50];
      for (int i = 0; i < skewed.length; i++) {
        skewed[i] = -Math.log(1 - random.nextDouble());
      }
      if (NormalityTest.andersonDarling(skewed).rejects(0.05)) {
        rejectedExponential++;
      }
    }
    // size of the test: about α; power against the exponential at n = 50: nearly 1
    assertThat(rejectedNormal / (double) runs).isCloseTo(0.05, within(0.02));
    assertThat(rejectedExponential / (double) runs).isGreaterThan(0.95);
  }
}
