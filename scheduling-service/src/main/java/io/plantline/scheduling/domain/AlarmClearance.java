package io.plantline.scheduling.domain;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An alarm returned to normal (its CLEARED event on {@code alarms.v1}).
 *
 * @param alarmId the alarm occurrence that cleared
 * @param alarmEventId id of the CLEARED event; the verification it causes derives its command id
 *     from it, so a redelivered event has one effect
 * @param clearedAt when the alarm cleared
 */
public record AlarmClearance(String alarmId, UUID alarmEventId, Instant clearedAt) {

  /** Validates every component; failures name the field. */
  public AlarmClearance {
    Ids.require("alarmId", alarmId);
    Checks.present("alarmEventId", alarmEventId);
    Checks.present("clearedAt", clearedAt);
  }

  /** The command id of the {@link VerifyWorkOrder} this clearance causes. */
  public UUID verifyCommandId() {
    return UUID.nameUUIDFromBytes(
        ("workorder-verify/" + alarmEventId).getBytes(StandardCharsets.UTF_8));
  }
}
