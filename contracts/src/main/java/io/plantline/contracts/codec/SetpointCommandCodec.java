package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.command.SetpointCommand;

/** JSON codec of {@link SetpointCommand}. */
final class SetpointCommandCodec extends JsonCodec<SetpointCommand> {

  @Override
  SetpointCommand read(JsonFields f) {
    int schemaVersion = f.schemaVersion(SetpointCommand.SUPPORTED_SCHEMA_VERSIONS);
    return new SetpointCommand(
        f.uuid("commandId"),
        schemaVersion,
        f.string("deviceId"),
        f.string("point"),
        f.number("value"),
        f.string("operatorId"),
        f.instant("issuedAt"),
        f.instant("expiresAt"));
  }

  @Override
  void write(SetpointCommand command, ObjectNode node) {
    put(node, "commandId", command.commandId());
    node.put("schemaVersion", command.schemaVersion());
    node.put("deviceId", command.deviceId());
    node.put("point", command.point());
    node.put("value", command.value());
    node.put("operatorId", command.operatorId());
    put(node, "issuedAt", command.issuedAt());
    put(node, "expiresAt", command.expiresAt());
  }
}
