package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.alarm.AlarmAction;
import io.plantline.contracts.alarm.AlarmCommand;
import java.time.Instant;

/**
 * JSON codec of {@link AlarmCommand}; {@code shelvedUntil} and {@code note} are left out when
 * absent.
 */
final class AlarmCommandCodec extends JsonCodec<AlarmCommand> {

  @Override
  AlarmCommand read(JsonFields f) {
    int schemaVersion = f.schemaVersion(AlarmCommand.SUPPORTED_SCHEMA_VERSIONS);
    String shelvedUntil = f.optionalString("shelvedUntil");
    return new AlarmCommand(
        f.uuid("commandId"),
        schemaVersion,
        f.enumValue("action", AlarmAction.class),
        f.string("alarmId"),
        f.string("deviceId"),
        f.string("ruleId"),
        f.string("operatorId"),
        shelvedUntil == null ? null : f.instant("shelvedUntil"),
        f.optionalString("note"),
        f.instant("issuedAt"));
  }

  @Override
  void write(AlarmCommand command, ObjectNode node) {
    put(node, "commandId", command.commandId());
    node.put("schemaVersion", command.schemaVersion());
    put(node, "action", command.action());
    node.put("alarmId", command.alarmId());
    node.put("deviceId", command.deviceId());
    node.put("ruleId", command.ruleId());
    node.put("operatorId", command.operatorId());
    Instant shelvedUntil = command.shelvedUntil();
    if (shelvedUntil != null) {
      put(node, "shelvedUntil", shelvedUntil);
    }
    putIfPresent(node, "note", command.note());
    put(node, "issuedAt", command.issuedAt());
  }
}
