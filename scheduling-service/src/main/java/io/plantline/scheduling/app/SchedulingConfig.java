package io.plantline.scheduling.app;

import io.plantline.scheduling.adapter.in.http.WorkOrderApiVerticle;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import java.util.Objects;

/**
 * The validated configuration of the scheduling service.
 *
 * @param kafka how to reach Kafka
 * @param cassandra how to reach Cassandra, and the keyspace
 * @param listen where the REST API (and the health and metrics routes) listens
 * @param tokens the key that verifies API tokens
 * @param consumerGroup prefix of the consumer groups ({@code .commands}, {@code .alarms}, {@code
 *     .projector} are appended)
 * @param concurrency how many assets' commands, alarms and events each intake handles at once (one
 *     asset's in order), 1 to 256
 */
public record SchedulingConfig(
    KafkaSettings kafka,
    CassandraSettings cassandra,
    WorkOrderApiVerticle.Listen listen,
    ApiTokens tokens,
    String consumerGroup,
    int concurrency) {

  /** Checks that nothing is missing. */
  public SchedulingConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(cassandra, "cassandra");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tokens, "tokens");
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("consumer group must not be blank");
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("concurrency must be 1..256, was " + concurrency);
    }
  }
}
