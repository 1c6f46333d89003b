package io.plantline.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.plantline.stream.backtest.NabScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link NabScorer} against hand-computed cases and against NAB's own published per-file scores.
 * The expected values below use {@code scaledSigmoid(y) = 2 / (1 + e^(5y)) - 1 = tanh(-5y / 2)}.
 */
class NabScorerTest {
  private static final double EPS = 1e-12;

  /** 100 rows one minute apart (probation: floor(0.15 × 100) = 15 rows); windows 30..39, 70..79. */
  private static NabScorer small() {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      times.add(i * 60_000L);
    }
    return new NabScorer(
        times,
        List.of(
            new NabScorer.Window(30 * 60_000L, 39 * 60_000L),
            new NabScorer.Window(70 * 60_000L, 79 * 60_000L)),
        NabScorer.Profile.STANDARD);
  }

  @Test
  void shouldScoreMinusOnePerWindowWhenNothingIsDetected() {
    NabScorer.Result r = small().score(Set.of());

    assertThat(r.total()).isEqualTo(-2.0);
    assertThat(r.windows()).noneMatch(NabScorer.WindowScore::detected);
  }

  @Test
  void shouldCreditTheFirstRowOfAWindowWithExactlyTheTruePositiveWeight() {
    NabScorer.Result r = small().score(Set.of(30));

    assertThat(r.windows().get(0).score()).isCloseTo(1.0, within(EPS));
    assertThat(r.total()).isCloseTo(0.0, within(EPS));
  }

  @Test
  void shouldCreditTheLastRowOfAWindowLittle() {
    // position -(39 - 39 + 1) / 10 = -0.1: tanh(0.25) / tanh(2.5)
    NabScorer.Result r = small().score(Set.of(39));

    assertThat(r.windows().get(0).score()).isCloseTo(0.24824154977542992, within(EPS));
  }

  @Test
  void shouldCountOnlyTheEarliestDetectionInAWindow() {
    // first is row 31: position -(39 - 31 + 1) / 10 = -0.9: tanh(2.25) / tanh(2.5)
    NabScorer.Result r = small().score(Set.of(36, 31, 38));

    assertThat(r.windows().get(0).firstRow()).isEqualTo(31);
    assertThat(r.windows().get(0).score()).isCloseTo(0.9912952980422969, within(EPS));
    assertThat(r.truePositiveRows()).isEqualTo(3);
    assertThat(r.falsePositives()).isEmpty();
  }

  @Test
  void shouldWeighFalsePositivesByTheirDistanceFromThePreviousWindowsEnd() {
    NabScorer s = small();

    // no earlier window: -A_FP
    assertThat(s.rowScore(20)).isCloseTo(-0.11, within(EPS));
    // one row after the end of window 30..39: y = 1 / 9, 0.11 × tanh(-2.5 / 9)
    assertThat(s.rowScore(40)).isCloseTo(-0.029793183036839352, within(EPS));
    // nine rows after: y = 9 / 9 = 1, 0.11 × tanh(-2.5)
    assertThat(s.rowScore(48)).isCloseTo(-0.10852757279665734, within(EPS));
    // 28 rows after: y = 3.11 > 3, the full -A_FP
    assertThat(s.rowScore(67)).isCloseTo(-0.11, within(EPS));
  }

  @Test
  void shouldIgnoreDetectionsInTheProbationaryPeriod() {
    NabScorer.Result r = small().score(Set.of(3, 14));

    assertThat(small().probationRows()).isEqualTo(15);
    assertThat(r.probationRowsIgnored()).isEqualTo(2);
    assertThat(r.falsePositives()).isEmpty();
    assertThat(r.total()).isEqualTo(-2.0);
  }

  @Test
  void shouldAddWindowCreditsMissesAndFalsePositives() {
    // window 1 from row 31 (0.99129...), window 2 missed (-1), FPs at rows 20 (-0.11) and 48
    NabScorer.Result r = small().score(List.of(31, 48, 20, 10));

    assertThat(r.falsePositives()).extracting(NabScorer.FalsePositive::row).containsExactly(20, 48);
    assertThat(r.total()).isCloseTo(-0.22723227475436047, within(EPS));
  }

  @Test
  void shouldNotScoreAWindowThatEndsInTheProbationaryPeriod() {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      times.add(i * 60_000L);
    }
    NabScorer s =
        new NabScorer(
            times,
            List.of(
                new NabScorer.Window(2 * 60_000L, 5 * 60_000L),
                new NabScorer.Window(70 * 60_000L, 79 * 60_000L)),
            NabScorer.Profile.STANDARD);

    NabScorer.Result r = s.score(Set.of(4));

    assertThat(r.windows()).extracting(NabScorer.WindowScore::index).containsExactly(1);
    assertThat(r.total()).isEqualTo(-1.0);
    // yet a false positive after it is weighed by its distance from it: y = 24 / 3 > 3
    assertThat(s.rowScore(29)).isCloseTo(-0.11, within(EPS));
  }

  @Test
  void shouldRejectAWindowWhoseLimitsAreNotRowTimestamps() {
    assertThatThrownBy(
            () ->
                new NabScorer(
                    List.of(0L, 60_000L, 120_000L),
                    List.of(new NabScorer.Window(30_000L, 120_000L)),
                    NabScorer.Profile.STANDARD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReproduceNabsPublishedScoresOnTheMachineTemperatureFile() {
    NabScorer scorer =
        new NabScorer(
            NabData.times(NabData.samples()), NabData.windows(), NabScorer.Profile.STANDARD);
    List<NabData.Published> published = NabData.published();

    assertThat(scorer.probationRows()).isEqualTo(750); // min(floor(0.15 × 22695), 0.15 × 5000)
    assertThat(published).hasSizeGreaterThanOrEqualTo(8);
    for (NabData.Published p : published) {
      NabScorer.Result r = scorer.score(p.rows());
      assertThat(r.total()).as(p.detector()).isCloseTo(p.score(), within(1e-9));
      assertThat(r.truePositiveRows()).as(p.detector() + " TP").isEqualTo(p.tp());
      assertThat(r.falsePositives()).as(p.detector() + " FP").hasSize(p.fp());
    }
  }
}
