package io.plantline.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** A user name and password; generated at random for each server unless given. */
public record Credentials(String username, String password) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank() || password.isBlank()) {
      throw new IllegalArgumentException("username and password must not be blank");
    }
  }

  /** Credentials for {@code username} with a fresh 144-bit random password. */
  public static Credentials generate(String username) {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return new Credentials(username, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
