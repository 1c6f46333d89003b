package io.plantline.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeFilterTest {

  private static List<Double> run(SpikeFilter filter, double... values) {
    List<Double> out = new ArrayList<>();
    for (double value : values) {
      out.add(filter.apply(value));
    }
    return out;
  }

  @Test
  void shouldPassEveryValueWithoutAFilter() {
    SpikeFilter none = SpikeFilter.none();

    assertThat(run(none, 20.0, 900.0, 20.0)).containsExactly(20.0, 900.0, 20.0);
    assertThat(none.lastWasSpike()).isFalse();
  }

  @Test
  void shouldReplaceASingleSpikeWithTheMedianOf3() {
    SpikeFilter median = SpikeFilter.medianOf3();

    assertThat(run(median, 71.2, 71.4)).containsExactly(71.2, 71.4);
    assertThat(median.apply(850.0)).isEqualTo(71.4);
    assertThat(median.lastWasSpike()).isTrue();
    // the spike stays in the window one more value, then leaves no trace
    assertThat(run(median, 71.3, 71.3)).containsExactly(71.4, 71.3);
    assertThat(median.lastWasSpike()).isFalse();
  }

  @Test
  void shouldLetAStepChangePassTheMedianOf3FromItsSecondValue() {
    SpikeFilter median = SpikeFilter.medianOf3();

    assertThat(run(median, 10.0, 10.0, 10.0, 50.0, 50.0, 50.0))
        .containsExactly(10.0, 10.0, 10.0, 10.0, 50.0, 50.0);
  }

  @Test
  void shouldReplaceASingleSpikeWithTheHampelMedian() {
    SpikeFilter hampel = SpikeFilter.hampel(3, 3.0);
    run(hampel, 65.0, 65.2, 64.9, 65.1, 65.0, 65.3);

    assertThat(hampel.apply(64.8)).isEqualTo(64.8);
    assertThat(hampel.lastWasSpike()).isFalse();
    // window 65.2 64.9 65.1 65.0 65.3 64.8 120.0: median 65.1, MAD 0.2
    assertThat(hampel.apply(120.0)).isEqualTo(65.1);
    assertThat(hampel.lastWasSpike()).isTrue();
    assertThat(hampel.apply(65.1)).isEqualTo(65.1);
    assertThat(hampel.lastWasSpike()).isFalse();
  }

  @Test
  void shouldJudgeSpikesInRobustSigmasOfTheWindow() {
    SpikeFilter within = SpikeFilter.hampel(2, 3.0);
    SpikeFilter beyond = SpikeFilter.hampel(2, 3.0);
    run(within, 10.0, 12.0, 8.0, 11.0);
    run(beyond, 10.0, 12.0, 8.0, 11.0);

    // with 14: median 11, MAD 1, sigma 1.4826; 3 away is within 3 sigmas (4.45)
    assertThat(within.apply(14.0)).isEqualTo(14.0);
    assertThat(within.lastWasSpike()).isFalse();
    // with 16: median 11, MAD 1; 5 away is beyond 3 sigmas
    assertThat(beyond.apply(16.0)).isEqualTo(11.0);
    assertThat(beyond.lastWasSpike()).isTrue();
  }

  @Test
  void shouldLetAStepChangePassTheHampelFilterOnceItFillsHalfTheWindow() {
    SpikeFilter hampel = SpikeFilter.hampel(3, 3.0);
    run(hampel, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0);

    assertThat(run(hampel, 50.0, 50.0, 50.0, 50.0, 50.0))
        .containsExactly(10.0, 10.0, 10.0, 50.0, 50.0);
  }

  @Test
  void shouldPassValuesUntilTheHampelWindowIsFull() {
    SpikeFilter hampel = SpikeFilter.hampel(1, 3.0);

    assertThat(run(hampel, 10.0, 500.0)).containsExactly(10.0, 500.0);
    assertThat(hampel.apply(10.0)).isEqualTo(10.0);
  }

  @Test
  void shouldPassNaNWithoutPoisoningTheWindow() {
    SpikeFilter median = SpikeFilter.medianOf3();
    run(median, 5.0, 5.0, 5.0);

    assertThat(median.apply(Double.NaN)).isNaN();
    assertThat(median.lastWasSpike()).isFalse();
    assertThat(median.apply(5.0)).isEqualTo(5.0);
  }

  @Test
  void shouldRejectBadHampelParameters() {
    assertThatThrownBy(() -> SpikeFilter.hampel(0, 3.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("halfWindow must be 1..1000, was 0");
    assertThatThrownBy(() -> SpikeFilter.hampel(3, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nSigmas must be finite and > 0, was 0.0");
  }
}
