package io.plantline.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.gateway.domain.DeviceHealth.State;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceHealthTest {

  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  private final DeviceHealth health =
      new DeviceHealth(
          3,
          Duration.ofSeconds(60),
          new Backoff(
              Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.0, new SplittableRandom(7)));

  @Test
  void shouldStartOnlineAndPollable() {
    assertThat(health.state()).isEqualTo(State.ONLINE);
    assertThat(health.consecutiveFailures()).isZero();
    assertThat(health.mayPoll(T0)).isTrue();
  }

  @Test
  void shouldStayOnlineWithoutATransitionOnSuccess() {
    assertThat(health.onSuccess(T0)).isEmpty();
    assertThat(health.mayPoll(T0)).isTrue();
  }

  @Test
  void shouldBackOffAfterAFailedPollAndWaitForTheDelay() {
    assertThat(health.onFailure(T0)).contains(State.BACKING_OFF);

    assertThat(health.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(health.mayPoll(T0.plusMillis(999))).isFalse();
    assertThat(health.mayPoll(T0.plusSeconds(1))).isTrue();
  }

  @Test
  void shouldReportBackingOffOnlyOnceAndGrowTheDelay() {
    health.onFailure(T0);

    assertThat(health.onFailure(T0.plusSeconds(1))).isEmpty();
    assertThat(health.nextAttemptAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(health.consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void shouldQuarantineAfterConsecutiveFailuresAndProbeEveryPeriod() {
    health.onFailure(T0);
    health.onFailure(T0.plusSeconds(1));

    assertThat(health.onFailure(T0.plusSeconds(3))).contains(State.QUARANTINED);
    assertThat(health.nextAttemptAt()).isEqualTo(T0.plusSeconds(63));
    assertThat(health.mayPoll(T0.plusSeconds(62))).isFalse();

    assertThat(health.onFailure(T0.plusSeconds(63))).as("failed probe").isEmpty();
    assertThat(health.state()).isEqualTo(State.QUARANTINED);
    assertThat(health.nextAttemptAt()).isEqualTo(T0.plusSeconds(123));
    assertThat(health.consecutiveFailures()).isEqualTo(4);
  }

  @Test
  void shouldComeBackOnlineAndResetTheBackoffOnASuccessfulProbe() {
    for (int i = 0; i < 3; i++) {
      health.onFailure(T0.plusSeconds(i));
    }

    assertThat(health.onSuccess(T0.plusSeconds(62))).contains(State.ONLINE);
    assertThat(health.consecutiveFailures()).isZero();
    assertThat(health.mayPoll(T0.plusSeconds(62))).isTrue();
    assertThat(health.onFailure(T0.plusSeconds(70))).contains(State.BACKING_OFF);
    assertThat(health.nextAttemptAt()).as("backoff restarted").isEqualTo(T0.plusSeconds(71));
  }

  @Test
  void shouldGoStraightToQuarantineWhenOneFailureIsEnough() {
    DeviceHealth strict =
        new DeviceHealth(1, Duration.ofSeconds(10), Backoff.standard(new SplittableRandom(1)));

    assertThat(strict.onFailure(T0)).contains(State.QUARANTINED);
    assertThat(strict.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void shouldRejectBadSettings() {
    Backoff backoff = Backoff.standard(new SplittableRandom(1));
    assertThatThrownBy(() -> new DeviceHealth(0, Duration.ofSeconds(60), backoff))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeviceHealth(3, Duration.ZERO, backoff))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
