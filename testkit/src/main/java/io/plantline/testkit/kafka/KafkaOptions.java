package io.plantline.testkit.kafka;

import io.plantline.testkit.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the embedded broker.
 *
 * @param client the user clients log in as; with {@code secured}, a super user
 * @param heap maximum heap of the broker JVM, e.g. {@code 512m}
 * @param defaultPartitions partitions of auto-created topics
 * @param startTimeout how long to wait for the broker to answer
 * @param secured false: a SASL_PLAINTEXT listener with SASL/PLAIN, every user may do anything;
 *     true: a SASL_SSL listener (a test CA's certificate) with SASL/SCRAM-SHA-512, ACLs enforced
 *     ({@code StandardAuthorizer}, nothing allowed without an ACL), no topic auto-creation, and
 *     more users added with {@link KafkaServer#addUser} and granted with {@link KafkaServer#allow}
 */
public record KafkaOptions(
    Credentials client,
    String heap,
    int defaultPartitions,
    Duration startTimeout,
    boolean secured) {
  public KafkaOptions {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(heap, "heap");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (defaultPartitions < 1) {
      throw new IllegalArgumentException("defaultPartitions must be at least 1");
    }
  }

  /** Options of an unsecured (SASL/PLAIN, no TLS, no ACLs) broker. */
  public KafkaOptions(
      Credentials client, String heap, int defaultPartitions, Duration startTimeout) {
    this(client, heap, defaultPartitions, startTimeout, false);
  }

  public static KafkaOptions defaults() {
    return new KafkaOptions(Credentials.generate("plantline"), "512m", 2, Duration.ofSeconds(90));
  }

  public KafkaOptions withClient(Credentials credentials) {
    return new KafkaOptions(credentials, heap, defaultPartitions, startTimeout, secured);
  }

  /** TLS, SCRAM and ACLs (see {@link #secured()}). */
  public KafkaOptions withSecurity() {
    return new KafkaOptions(client, heap, defaultPartitions, startTimeout, true);
  }
}
