package io.plantline.ingestion.bridge;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SequenceTracker} made of a batch's {@code (deviceId, bootEpoch, seq)}.
 *
 * @param outcome whether to forward the batch and why
 * @param gap the batches found missing when this one jumped past them, if any
 */
public record Observation(Outcome outcome, Optional<Gap> gap) {

  /** A new batch in order. */
  public static final Observation NEW = new Observation(Outcome.NEW, Optional.empty());

  /** A batch already forwarded (or being forwarded). */
  public static final Observation DUPLICATE = new Observation(Outcome.DUPLICATE, Optional.empty());

  /** A batch that was reported missing and arrived late. */
  public static final Observation LATE_FILL = new Observation(Outcome.LATE_FILL, Optional.empty());

  /** A batch too far behind the highest sequence number to tell. */
  public static final Observation BEYOND_WINDOW =
      new Observation(Outcome.BEYOND_WINDOW, Optional.empty());

  /** A batch of a boot epoch older than the two tracked for its device. */
  public static final Observation UNTRACKED_EPOCH =
      new Observation(Outcome.UNTRACKED_EPOCH, Optional.empty());

  /** Checks for nulls. */
  public Observation {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(gap, "gap");
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
