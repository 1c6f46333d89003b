package io.plantline.console.domain;

import io.plantline.contracts.session.SessionEnded;
import java.util.concurrent.CompletionStage;

/**
 * Where logouts are recorded for every console replica ({@code console.sessions.v1}); completes
 * once the record is durable, fails when it could not be written.
 */
public interface SessionLog {
  CompletionStage<Void> record(SessionEnded ended);
}
