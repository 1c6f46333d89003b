package io.plantline.ingestion.bridge;

/**
 * Header names of records on {@code telemetry.dlq.v1}. Values are UTF-8 text; the record value is
 * the original payload, byte for byte, and the key the device id when the topic named one.
 */
public final class DeadLetterHeaders {

  /**
   * Stable class of the rejection, a {@link RejectionCategory#label()}, e.g. {@code not_finite}.
   */
  public static final String CATEGORY = "plantline.dlq.category";

  /** The violation's reason, e.g. {@code not finite} or {@code missing}. */
  public static final String REASON = "plantline.dlq.reason";

  /** Path of the offending value, e.g. {@code readings[0].value}; {@code $} for the payload. */
  public static final String FIELD = "plantline.dlq.field";

  /** The MQTT topic the message came on. */
  public static final String SOURCE_TOPIC = "plantline.dlq.source-topic";

  /** When the bridge received the message, ISO-8601 UTC. */
  public static final String RECEIVED_AT = "plantline.dlq.received-at";

  /** Which process rejected it: the bridge's MQTT client id. */
  public static final String REJECTED_BY = "plantline.dlq.rejected-by";

  private DeadLetterHeaders() {}
}
