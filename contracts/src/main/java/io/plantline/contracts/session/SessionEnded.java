package io.plantline.contracts.session;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Set;

/**
 * A console login session ended by its user's logout, published on {@code console.sessions.v1}
 * keyed by {@code sessionId}. Every console replica reads the topic from its start and refuses each
 * token of the session until {@code refuseUntil}, so a logout holds across replicas and restarts.
 *
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param sessionId the login session (a token claim; refreshes keep it); the Kafka key
 * @param username who logged out
 * @param endedAt when the logout was accepted
 * @param refuseUntil until when tokens of the session are refused: the latest any of them could
 *     still be valid (login plus the session limit); not before {@code endedAt}
 */
public record SessionEnded(
    int schemaVersion, String sessionId, String username, Instant endedAt, Instant refuseUntil) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component; failures name the field. */
  public SessionEnded {
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Checks.text("sessionId", sessionId);
    if (sessionId.length() > 64) {
      throw new ContractViolationException("sessionId", "longer than 64 characters");
    }
    Ids.require("username", username);
    Checks.present("endedAt", endedAt);
    Checks.present("refuseUntil", refuseUntil);
    if (refuseUntil.isBefore(endedAt)) {
      throw new ContractViolationException("refuseUntil", "before endedAt");
    }
  }
}
