package io.plantline.contracts.command;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The gateway's answer to a {@link SetpointCommand}, published at QoS 1 on {@code
 * plantline/v1/{site}/{area}/{deviceId}/command-result}.
 *
 * @param commandId the command answered
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param deviceId the device addressed
 * @param point the point addressed
 * @param outcome what became of the command
 * @param reason why it was not applied, or null when APPLIED
 * @param completedAt when the gateway decided
 */
public record SetpointResult(
    UUID commandId,
    int schemaVersion,
    String deviceId,
    String point,
    SetpointOutcome outcome,
    String reason,
    Instant completedAt) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component; a reason is required unless the outcome is APPLIED. */
  public SetpointResult {
    Checks.present("commandId", commandId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("deviceId", deviceId);
    Ids.require("point", point);
    Checks.present("outcome", outcome);
    if (outcome == SetpointOutcome.APPLIED) {
      Checks.optionalText("reason", reason);
    } else {
      Checks.text("reason", reason);
    }
    Checks.present("completedAt", completedAt);
  }

  /** The reason, if one was given. */
  public Optional<String> optionalReason() {
    return Optional.ofNullable(reason);
  }
}
