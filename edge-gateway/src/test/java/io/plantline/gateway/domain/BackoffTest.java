package io.plantline.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final long[] STANDARD_SECONDS = {1, 2, 4, 8, 16, 32, 60, 60, 60};

  private static List<Duration> take(Backoff backoff, int n) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      delays.add(backoff.next());
    }
    return delays;
  }

  @Test
  void shouldDoubleFromOneSecondUpToSixtyWithoutJitter() {
    Backoff backoff =
        new Backoff(
            Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.0, new SplittableRandom(1));

    assertThat(take(backoff, 9))
        .extracting(Duration::toSeconds)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    assertThat(backoff.attempts()).isEqualTo(9);
  }

  @Test
  void shouldStayWithinTheJitterBoundsOfTheStandardSequence() {
    for (long seed = 0; seed < 50; seed++) {
      List<Duration> delays = take(Backoff.standard(new SplittableRandom(seed)), 9);

      for (int i = 0; i < STANDARD_SECONDS.length; i++) {
        long baseMillis = STANDARD_SECONDS[i] * 1000;
        assertThat(delays.get(i).toMillis())
            .as("delay %d with seed %d", i, seed)
            .isBetween(Math.round(baseMillis * 0.8), Math.round(baseMillis * 1.2));
      }
    }
  }

  @Test
  void shouldActuallySpreadDelays() {
    List<Duration> firsts = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      firsts.add(Backoff.standard(new SplittableRandom(seed)).next());
    }

    assertThat(firsts.stream().distinct().count()).isGreaterThan(10);
  }

  @Test
  void shouldBeDeterministicForASeededRandom() {
    List<Duration> first = take(Backoff.standard(new SplittableRandom(42)), 10);
    List<Duration> second = take(Backoff.standard(new SplittableRandom(42)), 10);

    assertThat(first).isEqualTo(second);
  }

  @Test
  void shouldStartAgainFromTheInitialDelayAfterReset() {
    Backoff backoff =
        new Backoff(
            Duration.ofMillis(500), Duration.ofSeconds(8), 3.0, 0.0, new SplittableRandom(1));
    take(backoff, 4);

    backoff.reset();

    assertThat(backoff.attempts()).isZero();
    assertThat(take(backoff, 4))
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofMillis(1500),
            Duration.ofMillis(4500),
            Duration.ofSeconds(8));
  }

  @Test
  void shouldRejectInconsistentSettings() {
    SplittableRandom random = new SplittableRandom(1);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2.0, 0.1, random))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, 0.1, random))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0.1, random))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2.0, 1.0, random))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
