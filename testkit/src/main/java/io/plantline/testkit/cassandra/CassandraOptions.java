package io.plantline.testkit.cassandra;

import io.plantline.testkit.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the embedded Cassandra node.
 *
 * @param application the superuser role created for applications (the default {@code cassandra}
 *     account gets a random password nobody knows)
 * @param heap heap of the forked JVM, for example {@code 768m}
 * @param startTimeout how long to wait for CQL with authentication
 */
public record CassandraOptions(Credentials application, String heap, Duration startTimeout) {
  public CassandraOptions {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(heap, "heap");
    Objects.requireNonNull(startTimeout, "startTimeout");
  }

  public static CassandraOptions defaults() {
    return new CassandraOptions(Credentials.generate("plantline"), "512m", Duration.ofSeconds(180));
  }

  public CassandraOptions withApplication(Credentials credentials) {
    return new CassandraOptions(credentials, heap, startTimeout);
  }
}
