package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.session.SessionEnded;

/** JSON codec of {@link SessionEnded}. */
final class SessionEndedCodec extends JsonCodec<SessionEnded> {

  @Override
  SessionEnded read(JsonFields f) {
    int schemaVersion = f.schemaVersion(SessionEnded.SUPPORTED_SCHEMA_VERSIONS);
    return new SessionEnded(
        schemaVersion,
        f.string("sessionId"),
        f.string("username"),
        f.instant("endedAt"),
        f.instant("refuseUntil"));
  }

  @Override
  void write(SessionEnded ended, ObjectNode node) {
    node.put("schemaVersion", ended.schemaVersion());
    node.put("sessionId", ended.sessionId());
    node.put("username", ended.username());
    put(node, "endedAt", ended.endedAt());
    put(node, "refuseUntil", ended.refuseUntil());
  }
}
