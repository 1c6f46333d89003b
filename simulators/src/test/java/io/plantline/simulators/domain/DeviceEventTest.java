package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceEventTest {

  @Test
  void shouldRejectInvalidArgumentsNamingThem() {
    assertThatThrownBy(() -> new DeviceEvent.DegradeBearing(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wearPerRunningHour");
    assertThatThrownBy(() -> new DeviceEvent.Overheat(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coolingLossFraction");
    assertThatThrownBy(() -> new DeviceEvent.Shift(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point");
    assertThatThrownBy(() -> new DeviceEvent.Trend("x", Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perHour");
    assertThatThrownBy(() -> new DeviceEvent.VarianceChange("x", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("factor");
    assertThatThrownBy(() -> new DeviceEvent.Cycle("x", 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
    assertThatThrownBy(() -> new DeviceEvent.Stratification("x", 1.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("factor");
  }

  @Test
  void shouldAcceptTheLimitsOfTheirRanges() {
    assertThat(new DeviceEvent.Overheat(1).coolingLossFraction()).isEqualTo(1);
    assertThat(new DeviceEvent.Overheat(0).coolingLossFraction()).isZero();
    assertThat(new DeviceEvent.Stratification("x", 1).factor()).isEqualTo(1);
    assertThat(new DeviceEvent.DegradeBearing(0).wearPerRunningHour()).isZero();
    assertThat(new DeviceEvent.Cycle("x", -0.5, Duration.ofMinutes(1)).amplitude()).isEqualTo(-0.5);
  }
}
