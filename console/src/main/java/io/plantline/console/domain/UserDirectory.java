package io.plantline.console.domain;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's users, by name. {@link #authenticate} costs one PBKDF2 derivation whether or not
 * the user exists, so the answer time does not tell which user names exist.
 */
public final class UserDirectory {
  private static final char[] DUMMY_PASSWORD = "no such user".toCharArray();

  private final Map<String, UserAccount> users = new LinkedHashMap<>();
  private final PasswordHash dummy;

  /** A directory of {@code accounts}; user names must be unique. */
  public UserDirectory(Collection<UserAccount> accounts) {
    for (UserAccount account : accounts) {
      if (users.put(account.username(), account) != null) {
        throw new IllegalArgumentException("user " + account.username() + " is listed twice");
      }
    }
    dummy = PasswordHash.create(DUMMY_PASSWORD, new SecureRandom());
  }

  /** The account of {@code username} if {@code password} is its password. */
  public Optional<UserAccount> authenticate(String username, char[] password) {
    UserAccount account = username == null ? null : users.get(username);
    if (account == null) {
      dummy.matches(password);
      return Optional.empty();
    }
    return account.password().matches(password) ? Optional.of(account) : Optional.empty();
  }

  /** The account of {@code username}, if there is one (a session refresh reads it again). */
  public Optional<UserAccount> find(String username) {
    return Optional.ofNullable(username == null ? null : users.get(username));
  }

  /** Number of users. */
  public int size() {
    return users.size();
  }
}
