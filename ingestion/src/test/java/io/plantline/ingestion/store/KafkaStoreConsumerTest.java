package io.plantline.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The consumer loop's commit discipline, with Kafka's in-memory mock clients. */
class KafkaStoreConsumerTest {
  private static final TopicPartition P0 = new TopicPartition(Topics.TELEMETRY_RAW, 0);

  @Test
  void shouldRetryAFailingStoreAndCommitOnlyAfterItSucceeded() {
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    List<Map<TopicPartition, OffsetAndMetadata>> committedWhileFailing =
        new CopyOnWriteArrayList<>();
    List<TelemetryBatch> written = new CopyOnWriteArrayList<>();
    StoreSink flaky =
        new StoreSink() {
          int attempts;

          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public void write(StoreRecords records) throws Exception {
            if (++attempts <= 2) {
              committedWhileFailing.add(consumer.committed(Set.of(P0)));
              throw new java.io.IOException("store down");
            }
            written.addAll(records.telemetry());
          }
        };
    List<TelemetryBatch> batches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      batches.add(
          TelemetryFixtures.batch(
              "dev-1",
              1,
              List.of("temp"),
              i,
              Instant.parse("2026-01-01T00:00:00Z"),
              Duration.ofSeconds(1)));
    }
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.updateBeginningOffsets(Map.of(P0, 0L));
          consumer.updateEndOffsets(Map.of(P0, 4L));
          consumer.addRecord(record(0, Codecs.TELEMETRY_BATCH.encode(batches.get(0))));
          consumer.addRecord(record(1, "not json".getBytes(StandardCharsets.UTF_8)));
          consumer.addRecord(record(2, Codecs.TELEMETRY_BATCH.encode(batches.get(1))));
          consumer.addRecord(record(3, Codecs.TELEMETRY_BATCH.encode(batches.get(2))));
        });
    StoreMetrics metrics = new StoreMetrics(new SimpleMeterRegistry(), "flaky");
    try (KafkaStoreConsumer loop =
        new KafkaStoreConsumer(
                consumer,
                flaky,
                new DeadLetters(producer, "group-1"),
                metrics,
                new KafkaStoreConsumer.Settings(
                    "group-1",
                    List.of(Topics.TELEMETRY_RAW),
                    100,
                    Duration.ofMillis(20),
                    new Backoff(Duration.ofMillis(10), Duration.ofMillis(20))))
            .start()) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> consumer.committed(Set.of(P0)).get(P0) != null);
      assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(4);
    }
    assertThat(committedWhileFailing).hasSize(2).allSatisfy(c -> assertThat(c.get(P0)).isNull());
    assertThat(written).containsExactlyElementsOf(batches);
    assertThat(metrics.retries()).isEqualTo(2);
    assertThat(metrics.deadLetters()).isEqualTo(1);
    assertThat(producer.history()).hasSize(1);
    ProducerRecord<String, byte[]> dead = producer.history().get(0);
    assertThat(dead.topic()).isEqualTo(Topics.TELEMETRY_DLQ);
    assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(header(dead, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.TELEMETRY_RAW);
    assertThat(header(dead, DeadLetters.FIELD)).isEqualTo("$");
    assertThat(header(dead, DeadLetters.REASON)).isNotBlank();
  }

  @Test
  void shouldTurnUndecodableRecordsIntoViolations() {
    Object missing = KafkaStoreConsumer.decode(record(0, null));
    assertThat(missing).isInstanceOf(io.plantline.contracts.ContractViolationException.class);
    Object wrongField =
        KafkaStoreConsumer.decode(
            record(0, "{\"eventId\": \"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(wrongField).isInstanceOf(io.plantline.contracts.ContractViolationException.class);
  }

  private static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>(Topics.TELEMETRY_RAW, 0, offset, "dev-1", value);
  }

  private static String header(ProducerRecord<String, byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
