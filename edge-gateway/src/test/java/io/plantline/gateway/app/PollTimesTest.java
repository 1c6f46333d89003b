package io.plantline.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PollTimesTest {

  @Test
  void shouldRememberTheLastRecordsAndForgetOverwrittenOnes() {
    PollTimes times = new PollTimes(4);
    for (long index = 1; index <= 6; index++) {
      times.record(index, 1000 + index);
    }
    assertThat(times.polledAt(6)).isEqualTo(1006);
    assertThat(times.polledAt(3)).isEqualTo(1003);
    assertThat(times.polledAt(2)).as("overwritten by record 6").isZero();
    assertThat(times.polledAt(99)).isZero();
  }

  @Test
  void shouldRequireAPowerOfTwo() {
    assertThatThrownBy(() -> new PollTimes(6)).isInstanceOf(IllegalArgumentException.class);
  }
}
