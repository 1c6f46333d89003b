package io.plantline.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  @Test
  void shouldDoubleUpToTheMaximumWithAtMostTwentyPercentJitterAndStartOverOnReset() {
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    long[] steps = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
    for (long step : steps) {
      assertThat(backoff.nextDelayMillis()).isBetween(step, step + step / 5);
    }
    backoff.reset();
    assertThat(backoff.nextDelayMillis()).isBetween(1000L, 1200L);
  }

  @Test
  void shouldRefuseAnEmptyOrInvertedRange() {
    assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
