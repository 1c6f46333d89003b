package io.plantline.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollStaggerTest {

  @Test
  void shouldSpreadDevicesEvenlyOverThePeriod() {
    Duration period = Duration.ofSeconds(1);

    assertThat(PollStagger.offset(0, 4, period)).isEqualTo(Duration.ZERO);
    assertThat(PollStagger.offset(1, 4, period)).isEqualTo(Duration.ofMillis(250));
    assertThat(PollStagger.offset(2, 4, period)).isEqualTo(Duration.ofMillis(500));
    assertThat(PollStagger.offset(3, 4, period)).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void shouldTruncateToTheNanosecondWhenThePeriodDoesNotDivideEvenly() {
    assertThat(PollStagger.offset(1, 3, Duration.ofMillis(250)))
        .isEqualTo(Duration.ofNanos(83_333_333));
    assertThat(PollStagger.offset(2, 3, Duration.ofMillis(250)))
        .isEqualTo(Duration.ofNanos(166_666_666));
  }

  @Test
  void shouldStartASingleDeviceAtOnce() {
    assertThat(PollStagger.offset(0, 1, Duration.ofSeconds(10))).isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldRejectAnIndexOutsideTheDevices() {
    assertThatThrownBy(() -> PollStagger.offset(4, 4, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index 4 is outside 0..3");
    assertThatThrownBy(() -> PollStagger.offset(0, 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
