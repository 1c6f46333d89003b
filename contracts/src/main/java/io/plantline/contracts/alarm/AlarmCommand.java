package io.plantline.contracts.alarm;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An operator's command on an alarm, published on {@code alarms.commands.v1} keyed by {@code
 * deviceId}.
 *
 * <p>The command names the alarm occurrence ({@code alarmId}) and the (device, rule) pair that owns
 * it, so the stream processor can route it to the state of that pair and ignore a command aimed at
 * an occurrence that has already cleared. {@code shelvedUntil} is required for {@link
 * AlarmAction#SHELVE} and absent otherwise.
 *
 * @param commandId unique id of the command; handling is idempotent per command id
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param action what to do
 * @param alarmId the alarm occurrence the operator saw
 * @param deviceId the device of the alarm; the Kafka key
 * @param ruleId the rule of the alarm
 * @param operatorId who issued the command
 * @param shelvedUntil end of the shelf for SHELVE, otherwise null
 * @param note optional free text, or null
 * @param issuedAt when the operator issued the command
 */
public record AlarmCommand(
    UUID commandId,
    int schemaVersion,
    AlarmAction action,
    String alarmId,
    String deviceId,
    String ruleId,
    String operatorId,
    Instant shelvedUntil,
    String note,
    Instant issuedAt) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component; failures name the field. */
  public AlarmCommand {
    Checks.present("commandId", commandId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Checks.present("action", action);
    Ids.require("alarmId", alarmId);
    Ids.require("deviceId", deviceId);
    Ids.require("ruleId", ruleId);
    Ids.require("operatorId", operatorId);
    if (action == AlarmAction.SHELVE) {
      Checks.present("shelvedUntil", shelvedUntil);
    } else if (shelvedUntil != null) {
      throw new ContractViolationException("shelvedUntil", "only allowed for SHELVE");
    }
    Checks.optionalText("note", note);
    Checks.present("issuedAt", issuedAt);
  }
}
