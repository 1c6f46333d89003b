package io.plantline.ingestion.bridge;

import io.plantline.contracts.ContractViolationException;
import java.util.Locale;

/**
 * Why the bridge rejected a message, in a few stable classes: the value of the {@code
 * plantline.dlq.category} header and of the {@code reason} label of the rejection counter (so the
 * label's cardinality stays fixed). The precise field and reason travel in their own headers.
 */
public enum RejectionCategory {
  /** The MQTT topic is not a Plantline device topic. */
  BAD_TOPIC,
  /** The topic's site, area or device differs from the payload's. */
  TOPIC_MISMATCH,
  /** Not UTF-8 JSON holding one object (includes an empty payload). */
  MALFORMED_JSON,
  /** Larger than {@link io.plantline.contracts.codec.EventCodec#MAX_PAYLOAD_BYTES}. */
  TOO_LARGE,
  /** A schema version this build cannot read. */
  SCHEMA_VERSION,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A number is NaN or infinite. */
  NOT_FINITE,
  /** A field has the wrong JSON type (for example a string where a number is due). */
  WRONG_TYPE,
  /** A field that the contract does not know. */
  UNKNOWN_FIELD,
  /** A value breaks another rule of the contract (range, id syntax, duplicate metric...). */
  INVALID_VALUE;

  /** The lower-case label, for example {@code not_finite}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Classifies a violation raised by a codec of the contracts module. */
  public static RejectionCategory of(ContractViolationException violation) {
    String reason = violation.reason() == null ? "" : violation.reason();
    String field = violation.field() == null ? "" : violation.field();
    if (reason.startsWith("payload of ")) {
      return TOO_LARGE;
    }
    if (ContractViolationException.ROOT.equals(field)) {
      return MALFORMED_JSON;
    }
    if (field.equals("schemaVersion") && reason.startsWith("unknown schemaVersion")) {
      return SCHEMA_VERSION;
    }
    if (reason.equals("missing") || reason.equals("null")) {
      return MISSING_FIELD;
    }
    if (reason.equals("not finite")) {
      return NOT_FINITE;
    }
    if (reason.equals("unknown field")) {
      return UNKNOWN_FIELD;
    }
    if (reason.startsWith("expected ") && reason.contains(", got ")) {
      return WRONG_TYPE;
    }
    return INVALID_VALUE;
  }
}
