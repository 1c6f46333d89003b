package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CounterConsumptionTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final CounterSpec SPEC = new CounterSpec(0, Duration.ofMinutes(5), 500, 0.01);
  private static final CounterSpec ROLLING =
      new CounterSpec(1000, Duration.ofMinutes(5), 500, 0.01);

  private static Sample at(int minutes, double value) {
    return new Sample(T0.plus(Duration.ofMinutes(minutes)), value);
  }

  @Test
  void shouldTakeTheDifferenceOfConsecutiveSamples() {
    Consumption c = CounterConsumption.of(List.of(at(0, 100), at(1, 102.5), at(2, 106)), SPEC);

    assertThat(c.segments())
        .containsExactly(
            new Segment(at(0, 0).time(), at(1, 0).time(), 2.5),
            new Segment(at(1, 0).time(), at(2, 0).time(), 3.5));
    assertThat(c.gaps()).isEmpty();
    assertThat(c.events()).isEmpty();
  }

  @Test
  void shouldCountOnPastARollover() {
    Consumption c = CounterConsumption.of(List.of(at(0, 995), at(1, 3)), ROLLING);

    assertThat(c.segments()).singleElement().extracting(Segment::amount).isEqualTo(8.0);
    assertThat(c.events())
        .containsExactly(new CounterEvent(at(1, 0).time(), CounterEvent.Kind.ROLLOVER, 995, 3));
  }

  @Test
  void shouldAttributeTheNewMetersCountAfterAReplacement() {
    Consumption c = CounterConsumption.of(List.of(at(0, 48_211.5), at(1, 2), at(2, 6)), ROLLING);

    assertThat(c.segments()).extracting(Segment::amount).containsExactly(2.0, 4.0);
    assertThat(c.events()).extracting(CounterEvent::kind).containsExactly(CounterEvent.Kind.RESET);
    assertThat(c.gaps()).isEmpty();
  }

  @Test
  void shouldReportAReplacementByAUsedMeterAsAGapOfUnknownAmount() {
    Consumption c =
        CounterConsumption.of(List.of(at(0, 48_211.5), at(1, 30_000), at(2, 30_004)), SPEC);

    assertThat(c.gaps())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.reason()).isEqualTo(Gap.Reason.COUNTER_REPLACED);
              assertThat(g.amountKnown()).isFalse();
            });
    assertThat(c.segments()).extracting(Segment::amount).containsExactly(4.0);
  }

  @Test
  void shouldReportAGapInsteadOfInterpolatingIt() {
    Consumption c = CounterConsumption.of(List.of(at(0, 100), at(1, 101), at(121, 351)), SPEC);

    assertThat(c.segments()).extracting(Segment::amount).containsExactly(1.0);
    assertThat(c.gaps())
        .containsExactly(new Gap(at(1, 0).time(), at(121, 0).time(), Gap.Reason.NO_DATA, 250));
    assertThat(c.total() + c.unattributed()).isEqualTo(251);
  }

  @Test
  void shouldReportAnImplausibleJump() {
    // 500 kW at most: 8.3 kWh a minute
    Consumption c = CounterConsumption.of(List.of(at(0, 100), at(1, 150)), SPEC);

    assertThat(c.segments()).isEmpty();
    assertThat(c.gaps()).extracting(Gap::reason).containsExactly(Gap.Reason.IMPLAUSIBLE_JUMP);
  }

  @Test
  void shouldTreatADecreaseWithinTheNoiseAsNoConsumption() {
    Consumption c = CounterConsumption.of(List.of(at(0, 100), at(1, 99.995)), SPEC);

    assertThat(c.segments()).extracting(Segment::amount).containsExactly(0.0);
    assertThat(c.events()).isEmpty();
  }

  @Test
  void shouldNotDependOnTheOrderSamplesArriveIn() {
    Random random = new Random(7);
    List<Sample> samples = randomCounter(random, 2_000, 1000);
    Consumption inOrder = CounterConsumption.of(samples, ROLLING);

    for (int round = 0; round < 20; round++) {
      List<Sample> shuffled = new ArrayList<>(samples);
      Collections.shuffle(shuffled, random);
      shuffled.add(shuffled.get(random.nextInt(shuffled.size()))); // a redelivered duplicate
      assertThat(CounterConsumption.of(shuffled, ROLLING)).isEqualTo(inOrder);
    }
    assertThat(inOrder.events())
        .extracting(CounterEvent::kind)
        .contains(CounterEvent.Kind.ROLLOVER);
    assertThat(inOrder.gaps()).isNotEmpty();
  }

  @Test
  void shouldAttributeTheCounterDifferenceExceptGapsWhateverTheRollovers() {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      List<Sample> samples = randomCounter(random, 500, 1000);
      Consumption c = CounterConsumption.of(samples, ROLLING);
      long rollovers =
          c.events().stream().filter(e -> e.kind() == CounterEvent.Kind.ROLLOVER).count();
      double difference =
          samples.get(samples.size() - 1).value() - samples.get(0).value() + rollovers * 1000;

      assertThat(c.total() + c.unattributed()).isCloseTo(difference, within(1e-6));
    }
  }

  @Test
  void shouldRejectBadSpecsNamingTheField() {
    assertThatThrownBy(() -> new CounterSpec(-1, Duration.ofMinutes(1), 1, 0))
        .hasMessageStartingWith("rolloverAt:");
    assertThatThrownBy(() -> new CounterSpec(0, Duration.ZERO, 1, 0))
        .hasMessageStartingWith("maxGap:");
    assertThatThrownBy(() -> new CounterSpec(0, Duration.ofMinutes(1), 0, 0))
        .hasMessageStartingWith("maxRatePerHour:");
  }

  /**
   * A counter that wraps at {@code modulus}, sampled every 1 to 60 s at up to 400 kW, with a 10
   * minute gap now and then.
   */
  static List<Sample> randomCounter(Random random, int n, double modulus) {
    List<Sample> samples = new ArrayList<>();
    Instant t = T0;
    double value = random.nextDouble() * modulus;
    for (int i = 0; i < n; i++) {
      samples.add(new Sample(t, value));
      long seconds = random.nextInt(50) == 0 ? 600 : 1 + random.nextInt(60);
      double kw = random.nextDouble() * 400;
      value = (value + kw * seconds / 3600) % modulus;
      t = t.plusSeconds(seconds);
    }
    return samples;
  }
}
