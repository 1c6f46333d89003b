package io.plantline.stream.job;

/**
 * Header names of records this job sends to {@code telemetry.dlq.v1}; the same names as the
 * ingestion writers use, so one tool reads every dead letter.
 */
public final class DeadLetterHeaders {
  /** The violation's reason. */
  public static final String REASON = "plantline.dlq.reason";

  /** Path of the offending field ({@code $} for the payload). */
  public static final String FIELD = "plantline.dlq.field";

  /** Topic the record was read from. */
  public static final String SOURCE_TOPIC = "plantline.dlq.source-topic";

  /** Partition the record was read from. */
  public static final String SOURCE_PARTITION = "plantline.dlq.source-partition";

  /** Offset of the record in its source partition. */
  public static final String SOURCE_OFFSET = "plantline.dlq.source-offset";

  /** The consumer that rejected the record. */
  public static final String CONSUMER_GROUP = "plantline.dlq.consumer-group";

  /** Late readings: how far behind the watermark the reading's event time was, in ms. */
  public static final String LATENESS_MS = "plantline.dlq.lateness-ms";

  /** Late readings: the watermark it was behind, ISO-8601 UTC. */
  public static final String WATERMARK = "plantline.dlq.watermark";

  /** The {@link #REASON} of a reading that arrived behind the watermark. */
  public static final String REASON_LATE = "late";

  private DeadLetterHeaders() {}
}
