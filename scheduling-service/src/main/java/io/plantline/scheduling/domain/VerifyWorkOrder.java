package io.plantline.scheduling.domain;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * Verifies a completed work order: the alarm that caused it has cleared ({@code clearedAlarmId}
 * set), or, for a work order opened by hand, someone confirmed the fix ({@code clearedAlarmId}
 * null).
 *
 * @param commandId unique id of the command, for idempotency
 * @param workOrderId the work order
 * @param clearedAlarmId the alarm that cleared, or null for a manual confirmation
 * @param issuedAt when the alarm cleared or the fix was confirmed
 */
public record VerifyWorkOrder(
    UUID commandId, String workOrderId, String clearedAlarmId, Instant issuedAt) {

  /** Validates every component; failures name the field. */
  public VerifyWorkOrder {
    Checks.present("commandId", commandId);
    Ids.require("workOrderId", workOrderId);
    if (clearedAlarmId != null) {
      Ids.require("clearedAlarmId", clearedAlarmId);
    }
    Checks.present("issuedAt", issuedAt);
  }
}
