package io.plantline.stream.job;

import java.io.Serializable;

/**
 * The knobs of {@link TelemetryAnomalyJob}, each with a default (see {@link #defaults()}).
 *
 * @param outOfOrdernessMs how far behind the newest event time a reading may arrive and still count
 * @param idlenessMs after this long without records a source partition stops holding back the
 *     watermark
 * @param checkpointIntervalMs checkpoint interval (exactly-once); 0 disables checkpointing
 * @param consumerGroup the job's Kafka consumer group, also named in dead letters
 * @param parallelism job parallelism; 0 keeps the environment's default
 */
public record JobSettings(
    long outOfOrdernessMs,
    long idlenessMs,
    long checkpointIntervalMs,
    String consumerGroup,
    int parallelism)
    implements Serializable {

  /** Checks ranges; failures name the knob. */
  public JobSettings {
    if (outOfOrdernessMs < 0) {
      throw new IllegalArgumentException("out-of-orderness: must not be negative");
    }
    if (idlenessMs < 1) {
      throw new IllegalArgumentException("idleness: must be positive");
    }
    if (checkpointIntervalMs < 0) {
      throw new IllegalArgumentException("checkpoint-interval: must not be negative");
    }
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("group-id: missing");
    }
    if (parallelism < 0) {
      throw new IllegalArgumentException("parallelism: must not be negative");
    }
  }

  /** 5 s out-of-orderness, 30 s idleness, 10 s checkpoints, group plantline-stream-processing. */
  public static JobSettings defaults() {
    return new JobSettings(5_000, 30_000, 10_000, "plantline-stream-processing", 0);
  }

  /** A copy with another checkpoint interval. */
  public JobSettings withCheckpointInterval(long ms) {
    return new JobSettings(outOfOrdernessMs, idlenessMs, ms, consumerGroup, parallelism);
  }

  /** A copy with other watermark bounds. */
  public JobSettings withWatermarks(long outOfOrderness, long idleness) {
    return new JobSettings(
        outOfOrderness, idleness, checkpointIntervalMs, consumerGroup, parallelism);
  }
}
