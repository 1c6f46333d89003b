package io.plantline.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule fires on the pattern it names, at the completing point, and not on a near miss. */
class RunRulesTest {
  private static final Set<Rule> ALL = EnumSet.range(Rule.WE1, Rule.N8);

  /** Points with the given z (value = z, so trends and alternation follow z). */
  private static List<RunRules.Point> zs(double... z) {
    List<RunRules.Point> points = new ArrayList<>();
    for (int i = 0; i < z.length; i++) {
      points.add(new RunRules.Point(i + 1, z[i], z[i]));
    }
    return points;
  }

  private static List<Rule> fired(double... z) {
    return RunRules.evaluate(zs(z), ALL).stream().map(Violation::rule).toList();
  }

  @Test
  void shouldFireWe1BeyondThreeSigmaOnly() {
    assertThat(fired(0.1, 3.01)).containsExactly(Rule.WE1);
    assertThat(fired(0.1, -2.99)).doesNotContain(Rule.WE1);
  }

  @Test
  void shouldFireWe2OnTwoOfThreeBeyondTwoSigmaOnOneSide() {
    List<Violation> v = RunRules.evaluate(zs(2.5, 0.2, 2.1), EnumSet.of(Rule.WE2));
    assertThat(v).containsExactly(new Violation(Rule.WE2, List.of(1L, 3L)));
    assertThat(fired(2.5, 0.2, -2.1)).doesNotContain(Rule.WE2);
    assertThat(fired(2.5, 0.2, 0.3, 2.1)).doesNotContain(Rule.WE2);
  }

  @Test
  void shouldFireWe3OnFourOfFiveBeyondOneSigma() {
    assertThat(RunRules.evaluate(zs(1.2, 1.5, 0.5, 1.1, 1.3), EnumSet.of(Rule.WE3)))
        .containsExactly(new Violation(Rule.WE3, List.of(1L, 2L, 4L, 5L)));
    assertThat(fired(1.2, 1.5, 0.5, 0.9, 1.3)).doesNotContain(Rule.WE3);
  }

  @Test
  void shouldFireWe4OnEightOnOneSide() {
    assertThat(fired(0.1, 0.5, 0.2, 0.9, 0.3, 0.4, 0.6, 0.2)).contains(Rule.WE4);
    assertThat(fired(0.1, 0.5, 0.2, 0.9, 0.3, 0.4, -0.6, 0.2)).doesNotContain(Rule.WE4);
  }

  @Test
  void shouldFireN5OnSixSteadilyIncreasingOrDecreasing() {
    assertThat(fired(-1, -0.6, -0.2, 0.1, 0.5, 0.9)).contains(Rule.N5);
    assertThat(fired(0.9, 0.5, 0.1, -0.2, -0.6, -1)).contains(Rule.N5);
    assertThat(fired(-1, -0.6, -0.2, -0.2, 0.5, 0.9)).doesNotContain(Rule.N5);
  }

  @Test
  void shouldFireN6OnFourteenAlternating() {
    double[] z = new double[14];
    for (int i = 0; i < z.length; i++) {
      z[i] = i % 2 == 0 ? 0.5 : -0.5;
    }
    assertThat(fired(z)).contains(Rule.N6);
    z[7] = z[6];
    assertThat(fired(z)).doesNotContain(Rule.N6);
  }

  @Test
  void shouldFireN7OnFifteenWithinOneSigma() {
    double[] z = new double[15];
    for (int i = 0; i < z.length; i++) {
      z[i] = (i % 3 - 1) * 0.4;
    }
    assertThat(fired(z)).contains(Rule.N7);
    z[0] = 1.2;
    assertThat(fired(z)).doesNotContain(Rule.N7);
  }

  @Test
  void shouldFireN8OnEightBeyondOneSigmaOnBothSides() {
    assertThat(fired(1.5, -1.5, 1.2, -1.8, 1.4, -1.1, 1.9, -1.3)).contains(Rule.N8);
    assertThat(fired(1.5, 1.5, 1.2, 1.8, 1.4, 1.1, 1.9, 1.3)).doesNotContain(Rule.N8);
    assertThat(fired(1.5, -1.5, 1.2, -0.8, 1.4, -1.1, 1.9, -1.3)).doesNotContain(Rule.N8);
  }

  @Test
  void shouldApplyOnlyTheRulesSwitchedOn() {
    assertThat(RunRules.evaluate(zs(3.5), EnumSet.of(Rule.WE4))).isEmpty();
    assertThat(RunRules.evaluate(zs(3.5), EnumSet.of(Rule.WE1))).hasSize(1);
  }
}
