package io.plantline.testkit.kafka;

import io.plantline.testkit.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the embedded broker.
 *
 * @param client the SASL/PLAIN user clients log in as
 * @param heap maximum heap of the broker JVM, e.g. {@code 512m}
 * @param defaultPartitions partitions of auto-created topics
 * @param startTimeout how long to wait for the broker to answer
 */
public record KafkaOptions(
    Credentials client, String heap, int defaultPartitions, Duration startTimeout) {
  public KafkaOptions {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(heap, "heap");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (defaultPartitions < 1) {
      throw new IllegalArgumentException("defaultPartitions must be at least 1");
    }
  }

  public static KafkaOptions defaults() {
    return new KafkaOptions(Credentials.generate("plantline"), "512m", 2, Duration.ofSeconds(90));
  }

  public KafkaOptions withClient(Credentials credentials) {
    return new KafkaOptions(credentials, heap, defaultPartitions, startTimeout);
  }
}
