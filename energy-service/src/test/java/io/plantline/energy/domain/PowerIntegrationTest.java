package io.plantline.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerIntegrationTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void shouldIntegrateARampExactly() {
    // 0 to 120 kW over an hour: 60 kWh
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s <= 3600; s += 10) {
      samples.add(new Sample(T0.plusSeconds(s), 120.0 * s / 3600));
    }

    Consumption c = PowerIntegration.of(samples, Duration.ofMinutes(1));

    assertThat(c.total()).isCloseTo(60, within(1e-9));
    assertThat(c.gaps()).isEmpty();
  }

  @Test
  void shouldReportAGapOfUnknownEnergyAndCountExportAsNoImport() {
    List<Sample> samples =
        List.of(
            new Sample(T0, 60),
            new Sample(T0.plusSeconds(60), 60),
            new Sample(T0.plusSeconds(3660), 60),
            new Sample(T0.plusSeconds(3720), -30));

    Consumption c = PowerIntegration.of(samples, Duration.ofMinutes(5));

    assertThat(c.segments()).extracting(Segment::amount).containsExactly(1.0, 0.5);
    assertThat(c.gaps()).singleElement().satisfies(g -> assertThat(g.amountKnown()).isFalse());
  }

  @Test
  void shouldNotDependOnArrivalOrder() {
    Random random = new Random(5);
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s < 2000; s++) {
      samples.add(new Sample(T0.plusSeconds(s * 7L), random.nextDouble() * 300));
    }
    Consumption inOrder = PowerIntegration.of(samples, Duration.ofMinutes(1));
    Collections.shuffle(samples, random);

    assertThat(PowerIntegration.of(samples, Duration.ofMinutes(1))).isEqualTo(inOrder);
  }
}
