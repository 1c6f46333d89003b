package io.plantline.ingestion.store;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records that fail to decode to {@code telemetry.dlq.v1}, unchanged in key and value, with
 * the violation and the source position in headers.
 */
public final class DeadLetters {
  /** Header holding the violation's reason. */
  public static final String REASON = "plantline.dlq.reason";

  /** Header holding the path of the offending field ({@code $} for the payload). */
  public static final String FIELD = "plantline.dlq.field";

  /** Header holding the topic the record was read from. */
  public static final String SOURCE_TOPIC = "plantline.dlq.source-topic";

  /** Header holding the partition the record was read from. */
  public static final String SOURCE_PARTITION = "plantline.dlq.source-partition";

  /** Header holding the offset of the record in its source partition. */
  public static final String SOURCE_OFFSET = "plantline.dlq.source-offset";

  /** Header naming the consumer group that rejected the record. */
  public static final String CONSUMER_GROUP = "plantline.dlq.consumer-group";

  private final Producer<String, byte[]> producer;
  private final String consumerGroup;

  /** Dead letters sent with {@code producer}, marked as rejected by {@code consumerGroup}. */
  public DeadLetters(Producer<String, byte[]> producer, String consumerGroup) {
    this.producer = producer;
    this.consumerGroup = consumerGroup;
  }

  /** The dead-letter record for {@code rejected}. */
  static ProducerRecord<String, byte[]> deadLetter(
      ConsumerRecord<String, byte[]> rejected,
      ContractViolationException violation,
      String consumerGroup) {
    Headers headers = new RecordHeaders();
    headers.add(REASON, bytes(violation.reason()));
    headers.add(FIELD, bytes(violation.field()));
    headers.add(SOURCE_TOPIC, bytes(rejected.topic()));
    headers.add(SOURCE_PARTITION, bytes(Integer.toString(rejected.partition())));
    headers.add(SOURCE_OFFSET, bytes(Long.toString(rejected.offset())));
    headers.add(CONSUMER_GROUP, bytes(consumerGroup));
    return new ProducerRecord<>(
        Topics.TELEMETRY_DLQ, null, rejected.key(), rejected.value(), headers);
  }

  /**
   * Sends every rejected record and waits for Kafka's acknowledgement of each.
   *
   * @throws Exception if any send failed or timed out
   */
  void sendAll(List<Rejected> rejected) throws Exception {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (Rejected r : rejected) {
      sends.add(producer.send(deadLetter(r.record(), r.violation(), consumerGroup)));
    }
    for (Future<RecordMetadata> send : sends) {
      send.get(30, TimeUnit.SECONDS);
    }
  }

  /** Closes the producer. */
  void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A record that failed to decode, with the violation. */
  record Rejected(ConsumerRecord<String, byte[]> record, ContractViolationException violation) {}
}
