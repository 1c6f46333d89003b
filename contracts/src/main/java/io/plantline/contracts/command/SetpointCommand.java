package io.plantline.contracts.command;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A request to write one writable point of a device (a setpoint or a command coil), published at
 * QoS 1 on {@code plantline/v1/{site}/{area}/{deviceId}/command}. The edge gateway polling the
 * device writes it ahead of its polls and answers with a {@link SetpointResult} on the device's
 * {@code command-result} topic.
 *
 * <p>A command carries its own expiry: a setpoint that waited out a network outage in a broker's
 * queue must not move a machine hours later, so the gateway refuses it as EXPIRED once {@code
 * expiresAt} has passed. The gateway applies a command id at most once and answers a repeat (a QoS
 * 1 redelivery) with the first result.
 *
 * @param commandId unique id of the command; handling is idempotent per command id
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param deviceId the device to write
 * @param point the register-map point to write, for example {@code speed_setpoint_rpm}
 * @param value the value in engineering units (coils: 0 or 1), finite
 * @param operatorId who or what issued the command
 * @param issuedAt when it was issued
 * @param expiresAt after this instant the command must not be applied; after {@code issuedAt}
 */
public record SetpointCommand(
    UUID commandId,
    int schemaVersion,
    String deviceId,
    String point,
    double value,
    String operatorId,
    Instant issuedAt,
    Instant expiresAt) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component; failures name the field. */
  public SetpointCommand {
    Checks.present("commandId", commandId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("deviceId", deviceId);
    Ids.require("point", point);
    Checks.finite("value", value);
    Ids.require("operatorId", operatorId);
    Checks.present("issuedAt", issuedAt);
    Checks.present("expiresAt", expiresAt);
    if (!expiresAt.isAfter(issuedAt)) {
      throw new ContractViolationException("expiresAt", "must be after issuedAt");
    }
  }

  /** Whether the command may no longer be applied at {@code now}. */
  public boolean expiredAt(Instant now) {
    return now.isAfter(expiresAt);
  }
}
