package io.plantline.scheduling.domain;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * Adds a note to a work order (REST only, so not a Kafka contract).
 *
 * @param commandId unique id of the command, for idempotency
 * @param workOrderId the work order
 * @param author user id of the writer
 * @param text the note, at most {@link #MAX_TEXT} characters
 * @param issuedAt when the note was written
 */
public record CommentWorkOrder(
    UUID commandId, String workOrderId, String author, String text, Instant issuedAt) {

  /** Longest accepted note. */
  public static final int MAX_TEXT = 4000;

  /** Validates every component; failures name the field. */
  public CommentWorkOrder {
    Checks.present("commandId", commandId);
    Ids.require("workOrderId", workOrderId);
    Ids.require("author", author);
    Checks.text("text", text);
    if (text.length() > MAX_TEXT) {
      throw new io.plantline.contracts.ContractViolationException(
          "text", "longer than " + MAX_TEXT + " characters");
    }
    Checks.present("issuedAt", issuedAt);
  }
}
