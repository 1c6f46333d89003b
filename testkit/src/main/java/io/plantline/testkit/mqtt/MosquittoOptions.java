package io.plantline.testkit.mqtt;

import io.plantline.testkit.Credentials;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Knobs of the embedded Mosquitto broker.
 *
 * @param users accounts in the password file; anonymous access is always refused
 * @param tls whether to open a second, TLS listener with a certificate from a generated CA
 * @param startTimeout how long to wait for the listener
 */
public record MosquittoOptions(List<Credentials> users, boolean tls, Duration startTimeout) {
  public MosquittoOptions {
    users = List.copyOf(users);
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (users.isEmpty()) {
      throw new IllegalArgumentException("at least one user: anonymous access is never allowed");
    }
  }

  /** One generated user, TLS listener on. */
  public static MosquittoOptions defaults() {
    return new MosquittoOptions(
        List.of(Credentials.generate("plantline")), true, Duration.ofSeconds(20));
  }

  public MosquittoOptions withUsers(List<Credentials> accounts) {
    return new MosquittoOptions(accounts, tls, startTimeout);
  }
}
