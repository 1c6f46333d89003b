package io.plantline.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The in-control average run length (ARL0) of the chart engine on a long stable process, against
 * theory: 1 / P(|Z| &gt; 3) = 370.4 subgroups for WE1 alone, and 91.75 for WE1–WE4 together (Champ
 * and Woodall, Technometrics 29(4), 1987, Table 2, by a Markov chain).
 *
 * <p>Each run starts a fresh chart with the true limits frozen (known parameters, the case the
 * theory covers: Phase I estimation error is a separate matter) and feeds standard normal
 * individuals until a run rule fires; the run length is the number of points to the signal. Run
 * lengths are close to geometric, so the mean of k runs has a standard error of about ARL / √k; the
 * estimate must lie within 4 estimated standard errors of the theoretical ARL (a correct engine
 * fails that with probability below 10^-4; an engine that missed or added one rule's signals would
 * be off by far more: WE1 plus WE4 alone have an ARL of about 150).
 */
class FalseAlarmRateTest {

  /** What a long run gave. */
  record RunLengths(long points, long signals, double mean, double standardError) {}

  @Test
  void shouldRaiseRuleOneFalseAlarmsAtTheTheoreticalRateOf1In370() {
    RunLengths r = simulate(EnumSet.of(Rule.WE1), 1_000_000, 13);

    print("WE1 alone", r, 370.4);
    assertThat(Math.abs(r.mean() - 370.4)).isLessThan(4 * r.standardError());
  }

  @Test
  void shouldRaiseWesternElectricRulesOneToFourTogetherAtTheTheoreticalRateOf1In92() {
    RunLengths r = simulate(EnumSet.range(Rule.WE1, Rule.WE4), 1_000_000, 29);

    print("WE1-WE4", r, 91.75);
    assertThat(Math.abs(r.mean() - 91.75)).isLessThan(4 * r.standardError());
  }

  /**
   * Feeds about {@code points} N(0, 1) individuals in runs that end at a signal of {@code rules}.
   */
  private static RunLengths simulate(Set<Rule> rules, long points, long seed) {
    Characteristic c =
        new Characteristic(
            "stable",
            "gauge",
            "dimension",
            ChartType.I_MR,
            1,
            Optional.empty(),
            1,
            Optional.of(
                new SpecLimits(OptionalDouble.of(-6), OptionalDouble.of(6), OptionalDouble.of(0))),
            rules,
            ChartSettings.DEFAULTS,
            25);
    FrozenLimits known = new FrozenLimits(ChartType.I_MR, 1, 0, 1);
    SplittableRandom random = new SplittableRandom(seed);
    long fed = 0;
    long signals = 0;
    double sum = 0;
    double sumOfSquares = 0;
    while (fed < points) {
      ControlChart chart = Charts.frozen(c, known);
      long length = 0;
      boolean signalled = false;
      while (!signalled) {
        length++;
        for (ChartUpdate u : chart.accept(1, length, Charts.T0, random.nextGaussian())) {
          signalled = u.point().violations().stream().anyMatch(v -> rules.contains(v.rule()));
        }
      }
      fed += length;
      signals++;
      sum += length;
      sumOfSquares += (double) length * length;
    }
    double mean = sum / signals;
    double variance = (sumOfSquares - signals * mean * mean) / (signals - 1);
    return new RunLengths(fed, signals, mean, Math.sqrt(variance / signals));
  }

  private static void print(String rules, RunLengths r, double theory) {
    System.out.printf(
        "false alarms of %s over %,d stable subgroups: %,d (expected %.0f); ARL %.1f ± %.1f (SE),"
            + " theory %.2f%n",
        rules, r.points(), r.signals(), r.points() / theory, r.mean(), r.standardError(), theory);
  }
}
