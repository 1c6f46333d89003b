package io.plantline.energy.app;

import io.plantline.energy.adapter.in.http.EnergyApiVerticle;
import io.plantline.energy.domain.SiteEnergy;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import java.util.List;
import java.util.Objects;

/**
 * The validated configuration of the energy service.
 *
 * @param kafka how to reach Kafka
 * @param cassandra how to reach Cassandra, and the keyspace
 * @param listen where the REST API (and the health and metrics routes) listens
 * @param tokens the key that verifies API tokens
 * @param sites the sites, from the site file
 * @param consumerGroup the Kafka consumer group of the telemetry intake
 * @param concurrency devices whose telemetry is handled at once (one device's in order), 1..256
 */
public record EnergyConfig(
    KafkaSettings kafka,
    CassandraSettings cassandra,
    EnergyApiVerticle.Listen listen,
    ApiTokens tokens,
    List<SiteEnergy> sites,
    String consumerGroup,
    int concurrency) {

  /** Checks that nothing is missing. */
  public EnergyConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(cassandra, "cassandra");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tokens, "tokens");
    sites = List.copyOf(sites);
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("consumer group must not be blank");
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("concurrency must be 1..256, was " + concurrency);
    }
  }
}
