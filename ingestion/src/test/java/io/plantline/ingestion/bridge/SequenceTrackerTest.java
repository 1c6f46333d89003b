package io.plantline.ingestion.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.ingestion.bridge.Observation.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
  private final SequenceTracker tracker = new SequenceTracker(64, Duration.ofMinutes(10), 1000);

  private Observation see(String device, long boot, long seq) {
    return tracker.observe(device, boot, seq, 0);
  }

  @Test
  void shouldForwardNewBatchesAndDropRedeliveries() {
    assertThat(see("d", 1, 0).outcome()).isEqualTo(Outcome.NEW);
    assertThat(see("d", 1, 1).outcome()).isEqualTo(Outcome.NEW);
    assertThat(see("d", 1, 1).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(see("d", 1, 0).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(see("d", 1, 0).forward()).isFalse();
  }

  @Test
  void shouldReportAJumpAsAGapWithTheMissingRange() {
    see("d", 1, 40);

    Observation jump = see("d", 1, 58);

    assertThat(jump.outcome()).isEqualTo(Outcome.NEW);
    assertThat(jump.gap())
        .hasValueSatisfying(
            gap -> {
              assertThat(gap.firstMissing()).isEqualTo(41);
              assertThat(gap.lastMissing()).isEqualTo(57);
              assertThat(gap.missingBatches()).isEqualTo(17);
              assertThat(gap.reason()).isEqualTo("seq 41..57 missing (17 batches)");
            });
    assertThat(see("d", 1, 59).gap()).isEmpty();
  }

  @Test
  void shouldForwardALateArrivalIntoAGapOnceAndThenDropIt() {
    see("d", 1, 10);
    see("d", 1, 13);

    assertThat(see("d", 1, 11).outcome()).isEqualTo(Outcome.LATE_FILL);
    assertThat(see("d", 1, 11).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(see("d", 1, 12).outcome()).isEqualTo(Outcome.LATE_FILL);
  }

  @Test
  void shouldForwardWhatIsOlderThanTheWindowUnchecked() {
    see("d", 1, 0);
    see("d", 1, 100);

    assertThat(see("d", 1, 0).outcome()).isEqualTo(Outcome.BEYOND_WINDOW);
    assertThat(see("d", 1, 36).outcome()).isEqualTo(Outcome.BEYOND_WINDOW);
    assertThat(see("d", 1, 37).outcome()).isEqualTo(Outcome.LATE_FILL);
  }

  @Test
  void shouldKeepDedupingThePreviousBootAfterARestart() {
    see("d", 1, 5);
    see("d", 1, 6);

    assertThat(see("d", 2, 0).outcome()).isEqualTo(Outcome.NEW);
    assertThat(see("d", 1, 6).outcome()).as("replay of previous boot").isEqualTo(Outcome.DUPLICATE);
    assertThat(see("d", 1, 7).outcome()).as("late batch of previous boot").isEqualTo(Outcome.NEW);
    assertThat(see("d", 2, 0).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(see("d", 3, 0).outcome()).isEqualTo(Outcome.NEW);
    assertThat(see("d", 1, 8).outcome()).as("two boots back").isEqualTo(Outcome.UNTRACKED_EPOCH);
  }

  @Test
  void shouldNotReportAGapAtTheStartOfABootOrForTheFirstBatchSeen() {
    assertThat(see("d", 1, 500).gap()).isEmpty();
    assertThat(see("d", 2, 3).gap()).isEmpty();
  }

  @Test
  void shouldForwardARedeliveryAgainAfterAFailedForward() {
    see("d", 1, 0);
    see("d", 1, 1);

    tracker.forget("d", 1, 1);

    assertThat(see("d", 1, 1).outcome()).isEqualTo(Outcome.NEW);
    assertThat(see("d", 1, 1).outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void shouldKeepDevicesApart() {
    see("a", 1, 0);

    assertThat(see("b", 1, 0).outcome()).isEqualTo(Outcome.NEW);
    assertThat(see("b", 1, 5).gap()).isPresent();
    assertThat(see("a", 1, 1).gap()).isEmpty();
  }

  @Test
  void shouldEvictIdleDevicesAndBoundTheirNumber() {
    SequenceTracker small = new SequenceTracker(64, Duration.ofSeconds(10), 3);
    small.observe("a", 1, 0, 0);
    small.observe("b", 1, 0, 5_000);
    small.observe("c", 1, 0, 9_000);

    assertThat(small.evictIdle(12_000)).isEqualTo(1);
    assertThat(small.trackedDevices()).isEqualTo(2);
    assertThat(small.observe("a", 1, 0, 12_000).outcome())
        .as("state was evicted")
        .isEqualTo(Outcome.NEW);

    small.observe("d", 1, 0, 13_000);
    assertThat(small.trackedDevices()).isEqualTo(3);
    assertThat(small.observe("b", 1, 0, 13_000).outcome())
        .as("least recently seen device evicted for room")
        .isEqualTo(Outcome.NEW);
    assertThat(small.evictions()).isEqualTo(3);
  }

  @Test
  void shouldHandleHugeJumpsWithoutStaleBits() {
    see("d", 1, 1);
    see("d", 1, 1 + 64);
    Observation far = see("d", 1, 1_000_000);

    assertThat(far.gap())
        .hasValueSatisfying(g -> assertThat(g.missingBatches()).isEqualTo(1_000_000 - 66));
    assertThat(see("d", 1, 1_000_000 - 64).outcome()).isEqualTo(Outcome.BEYOND_WINDOW);
    assertThat(see("d", 1, 1_000_000 - 1).outcome()).isEqualTo(Outcome.LATE_FILL);
  }
}
