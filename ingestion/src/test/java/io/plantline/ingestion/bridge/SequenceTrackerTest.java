package io.plantline.ingestion.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.ingestion.bridge.Observation.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
  private static final long GRACE_MILLIS = 10_000;

  private final SequenceTracker tracker =
      new SequenceTracker(64, Duration.ofMillis(GRACE_MILLIS), Duration.ofMinutes(10), 1000);

  private static Source source(String device) {
    return new Source("site-1", "area-1", device);
  }

  private Observation see(String device, long boot, long seq) {
    return see(device, boot, seq, 0);
  }

  private Observation see(String device, long boot, long seq, long nowMillis) {
    return tracker.observe(source(device), boot, seq, nowMillis);
  }

  private List<String> gapsDueAt(long nowMillis) {
    return tracker.confirmDue(nowMillis).stream()
        .map(g -> g.deviceId() + " " + g.reason())
        .toList();
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
  void shouldReportAJumpAsAGapOnlyOnceItsGracePeriodHasPassed() {
    see("d", 1, 40, 0);

    Observation jump = see("d", 1, 58, 1_000);

    assertThat(jump.outcome()).isEqualTo(Outcome.NEW);
    assertThat(jump.gaps()).isEmpty();
    assertThat(gapsDueAt(1_000 + GRACE_MILLIS - 1)).isEmpty();
    List<Gap> due = tracker.confirmDue(1_000 + GRACE_MILLIS);
    assertThat(due).hasSize(1);
    Gap gap = due.get(0);
    assertThat(gap.firstMissing()).isEqualTo(41);
    assertThat(gap.lastMissing()).isEqualTo(57);
    assertThat(gap.missingBatches()).isEqualTo(17);
    assertThat(gap.reason()).isEqualTo("seq 41..57 missing (17 batches)");
    assertThat(gap.source()).isEqualTo(source("d"));
    assertThat(gapsDueAt(1_000_000)).as("reported once").isEmpty();
  }

  @Test
  void shouldNotReportWhatArrivesOutOfOrderWithinTheGracePeriod() {
    see("d", 1, 10, 0);
    see("d", 1, 15, 0);

    assertThat(see("d", 1, 12, 500).outcome()).isEqualTo(Outcome.REORDERED);
    assertThat(see("d", 1, 11, 600).outcome()).isEqualTo(Outcome.REORDERED);
    assertThat(see("d", 1, 11, 700).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(gapsDueAt(GRACE_MILLIS)).containsExactly("d seq 13..14 missing (2 batches)");

    assertThat(see("d", 1, 14, GRACE_MILLIS + 1).outcome()).isEqualTo(Outcome.LATE_FILL);
  }

  @Test
  void shouldReportNothingWhenEverySkippedBatchArrivesInTime() {
    see("d", 1, 0, 0);
    see("d", 1, 3, 0);
    see("d", 1, 2, 10);
    see("d", 1, 1, 20);

    assertThat(gapsDueAt(GRACE_MILLIS * 2)).isEmpty();
  }

  @Test
  void shouldReportMissingBatchesEarlyWhenTheyWouldSlideOutOfTheWindow() {
    see("d", 1, 0, 0);
    see("d", 1, 5, 0);

    Observation slid = see("d", 1, 5 + 64, 100);

    assertThat(slid.gaps()).extracting(Gap::reason).containsExactly("seq 1..4 missing (4 batches)");
    Observation far = see("d", 1, 1_000, 200);
    assertThat(far.gaps())
        .extracting(Gap::reason)
        .containsExactly("seq 6..68 missing (63 batches)", "seq 70..936 missing (867 batches)");
    assertThat(gapsDueAt(200 + GRACE_MILLIS))
        .containsExactly("d seq 937..999 missing (63 batches)");
  }

  @Test
  void shouldReportPendingGapsOfAnEvictedDeviceRatherThanForgetThem() {
    SequenceTracker small =
        new SequenceTracker(64, Duration.ofSeconds(10), Duration.ofSeconds(1), 10);
    small.observe(source("a"), 1, 0, 0);
    small.observe(source("a"), 1, 3, 0);

    assertThat(small.evictIdle(5_000)).isEqualTo(1);
    assertThat(small.confirmDue(5_000))
        .extracting(Gap::reason)
        .containsExactly("seq 1..2 missing (2 batches)");
  }

  @Test
  void shouldReportPendingGapsOfABootTwoBootsBack() {
    see("d", 1, 0, 0);
    see("d", 1, 2, 0);
    see("d", 2, 0, 10);

    Observation third = see("d", 3, 0, 20);

    assertThat(third.gaps()).extracting(Gap::reason).containsExactly("seq 1..1 missing (1 batch)");
  }

  @Test
  void shouldForwardALateArrivalIntoAReportedGapOnceAndThenDropIt() {
    see("d", 1, 10, 0);
    see("d", 1, 13, 0);
    tracker.confirmDue(GRACE_MILLIS);

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
    assertThat(see("d", 1, 37).outcome()).isEqualTo(Outcome.REORDERED);
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
    assertThat(see("d", 1, 500).gaps()).isEmpty();
    assertThat(see("d", 2, 3).gaps()).isEmpty();
    assertThat(gapsDueAt(Long.MAX_VALUE / 2)).isEmpty();
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
    see("b", 1, 5);
    see("a", 1, 1);

    assertThat(gapsDueAt(GRACE_MILLIS)).containsExactly("b seq 1..4 missing (4 batches)");
  }

  @Test
  void shouldEvictIdleDevicesAndBoundTheirNumber() {
    SequenceTracker small =
        new SequenceTracker(64, Duration.ofSeconds(10), Duration.ofSeconds(10), 3);
    small.observe(source("a"), 1, 0, 0);
    small.observe(source("b"), 1, 0, 5_000);
    small.observe(source("c"), 1, 0, 9_000);

    assertThat(small.evictIdle(12_000)).isEqualTo(1);
    assertThat(small.trackedDevices()).isEqualTo(2);
    assertThat(small.observe(source("a"), 1, 0, 12_000).outcome())
        .as("state was evicted")
        .isEqualTo(Outcome.NEW);

    small.observe(source("d"), 1, 0, 13_000);
    assertThat(small.trackedDevices()).isEqualTo(3);
    assertThat(small.observe(source("b"), 1, 0, 13_000).outcome())
        .as("least recently seen device evicted for room")
        .isEqualTo(Outcome.NEW);
    assertThat(small.evictions()).isEqualTo(3);
  }

  @Test
  void shouldHandleHugeJumpsWithoutStaleBits() {
    see("d", 1, 1);
    see("d", 1, 1 + 64);
    Observation far = see("d", 1, 1_000_000);

    assertThat(far.gaps().stream().mapToLong(Gap::missingBatches).sum())
        .as("missing beyond the window, reported at once")
        .isEqualTo(1_000_000 - 64 - 2);
    assertThat(see("d", 1, 1_000_000 - 64).outcome()).isEqualTo(Outcome.BEYOND_WINDOW);
    assertThat(see("d", 1, 1_000_000 - 1).outcome()).isEqualTo(Outcome.REORDERED);
    assertThat(tracker.confirmDue(GRACE_MILLIS).stream().mapToLong(Gap::missingBatches).sum())
        .isEqualTo(62);
  }
}
