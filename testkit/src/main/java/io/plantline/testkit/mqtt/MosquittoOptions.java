package io.plantline.testkit.mqtt;

import io.plantline.testkit.Credentials;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Knobs of the embedded Mosquitto broker.
 *
 * @param users accounts in the password file; anonymous access is always refused
 * @param tls whether to open a TLS listener with a certificate from a generated CA
 * @param plainListener whether to open the plain (password, no TLS) listener as well; at least one
 *     listener must be open
 * @param acl the text of a Mosquitto {@code acl_file}; when present every publish and subscribe not
 *     granted there is refused (and logged as {@code Denied PUBLISH}), when empty every user may
 *     use every topic
 * @param startTimeout how long to wait for the listeners
 */
public record MosquittoOptions(
    List<Credentials> users,
    boolean tls,
    boolean plainListener,
    Optional<String> acl,
    Duration startTimeout) {
  public MosquittoOptions {
    users = List.copyOf(users);
    Objects.requireNonNull(acl, "acl");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (users.isEmpty()) {
      throw new IllegalArgumentException("at least one user: anonymous access is never allowed");
    }
    if (!tls && !plainListener) {
      throw new IllegalArgumentException("no listener: enable tls or the plain listener");
    }
  }

  /** One generated user, both listeners, no ACL. */
  public static MosquittoOptions defaults() {
    return new MosquittoOptions(
        List.of(Credentials.generate("plantline")),
        true,
        true,
        Optional.empty(),
        Duration.ofSeconds(20));
  }

  public MosquittoOptions withUsers(List<Credentials> accounts) {
    return new MosquittoOptions(accounts, tls, plainListener, acl, startTimeout);
  }

  /** The same, with every topic access decided by {@code aclFile} (Mosquitto's format). */
  public MosquittoOptions withAcl(String aclFile) {
    return new MosquittoOptions(users, tls, plainListener, Optional.of(aclFile), startTimeout);
  }

  /** The same, with the TLS listener only. */
  public MosquittoOptions tlsOnly() {
    return new MosquittoOptions(users, true, false, acl, startTimeout);
  }
}
