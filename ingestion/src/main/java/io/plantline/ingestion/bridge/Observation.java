package io.plantline.ingestion.bridge;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SequenceTracker} made of a batch's {@code (deviceId, bootEpoch, seq)}.
 *
 * @param outcome whether to forward the batch and why
 * @param gaps missing batches that this one made certain (usually none: a gap is reported when its
 *     grace period has passed, see {@link SequenceTracker#confirmDue})
 */
public record Observation(Outcome outcome, List<Gap> gaps) {

  /** Copies the gaps. */
  public Observation {
    Objects.requireNonNull(outcome, "outcome");
    gaps = List.copyOf(gaps);
  }

  /** An observation that confirmed no gap. */
  public static Observation of(Outcome outcome) {
    return new Observation(outcome, List.of());
  }

  /** Whether the batch should go to Kafka: everything but a duplicate. */
  public boolean forward() {
    return outcome != Outcome.DUPLICATE;
  }

  /** The classes of {@link Observation}. */
  public enum Outcome {
    /** Not seen before in the window: forward. */
    NEW,
    /** Seen in the window: drop, still acknowledge. */
    DUPLICATE,
    /** Arrived after later ones, within the grace period, so never reported missing: forward. */
    REORDERED,
    /** Previously reported missing, now arrived: forward. */
    LATE_FILL,
    /**
     * Older than the window: cannot tell whether it was seen; forward (downstream consumers dedup
     * by the same key, a loss could not be undone).
     */
    BEYOND_WINDOW,
    /** Of a boot epoch no longer tracked: forward for the same reason. */
    UNTRACKED_EPOCH
  }
}
