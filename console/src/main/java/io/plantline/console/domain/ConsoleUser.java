package io.plantline.console.domain;

import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user authenticated by a console token.
 *
 * @param username the token's subject, an id
 * @param roles at least one role
 * @param sites the sites the roles apply to
 * @param expiresAt when the token expires
 * @param sessionId the login session the token belongs to (refreshes keep it; logout ends it)
 * @param authenticatedAt when the user gave their password for this session
 */
public record ConsoleUser(
    String username,
    Set<Role> roles,
    SiteScope sites,
    Instant expiresAt,
    String sessionId,
    Instant authenticatedAt) {

  /** Validates and copies. */
  public ConsoleUser {
    Ids.require("username", username);
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("at least one role is required");
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    Objects.requireNonNull(sites, "sites");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(authenticatedAt, "authenticatedAt");
  }

  /** Whether the user's roles grant {@code permission}. */
  public boolean may(Permission permission) {
    return AccessPolicy.allows(roles, permission);
  }
}
