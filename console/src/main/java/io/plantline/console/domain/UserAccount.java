package io.plantline.console.domain;

import io.plantline.contracts.Ids;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user of the users file.
 *
 * @param username an id (it becomes the token subject and the operator id of alarm commands)
 * @param password the password hash
 * @param roles at least one role
 * @param sites the sites the roles apply to
 */
public record UserAccount(
    String username, PasswordHash password, Set<Role> roles, SiteScope sites) {

  /** Validates and copies. */
  public UserAccount {
    Ids.require("username", username);
    Objects.requireNonNull(password, "password");
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("user " + username + ": at least one role is required");
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    Objects.requireNonNull(sites, "sites");
  }
}
