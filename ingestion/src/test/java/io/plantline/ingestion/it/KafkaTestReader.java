package io.plantline.ingestion.it;

import io.plantline.testkit.kafka.KafkaServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning, keeping the records a test cares about (the Kafka server is
 * shared by every IT of the module, so each test filters on its own device ids).
 */
public final class KafkaTestReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Predicate<ConsumerRecord<String, byte[]>> keep;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  public KafkaTestReader(
      KafkaServer kafka, String topic, Predicate<ConsumerRecord<String, byte[]>> keep) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.keep = keep;
    consumer.subscribe(List.of(topic));
  }

  /**
   * Polls until {@code done} holds for the kept records or {@code timeout} passes; returns them.
   */
  public List<ConsumerRecord<String, byte[]>> readUntil(
      Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(records) && System.nanoTime() < deadline) {
      pollOnce(Duration.ofMillis(200));
    }
    return List.copyOf(records);
  }

  /** Keeps polling for {@code quiet}, to see that nothing more arrives; returns all kept. */
  public List<ConsumerRecord<String, byte[]>> drain(Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      pollOnce(Duration.ofMillis(200));
    }
    return List.copyOf(records);
  }

  private void pollOnce(Duration timeout) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      if (keep.test(record)) {
        records.add(record);
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
