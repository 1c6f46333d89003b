package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.command.SetpointOutcome;
import io.plantline.contracts.command.SetpointResult;

/** JSON codec of {@link SetpointResult}; {@code reason} is left out when absent. */
final class SetpointResultCodec extends JsonCodec<SetpointResult> {

  @Override
  SetpointResult read(JsonFields f) {
    int schemaVersion = f.schemaVersion(SetpointResult.SUPPORTED_SCHEMA_VERSIONS);
    return new SetpointResult(
        f.uuid("commandId"),
        schemaVersion,
        f.string("deviceId"),
        f.string("point"),
        f.enumValue("outcome", SetpointOutcome.class),
        f.optionalString("reason"),
        f.instant("completedAt"));
  }

  @Override
  void write(SetpointResult result, ObjectNode node) {
    put(node, "commandId", result.commandId());
    node.put("schemaVersion", result.schemaVersion());
    node.put("deviceId", result.deviceId());
    node.put("point", result.point());
    put(node, "outcome", result.outcome());
    putIfPresent(node, "reason", result.reason());
    put(node, "completedAt", result.completedAt());
  }
}
