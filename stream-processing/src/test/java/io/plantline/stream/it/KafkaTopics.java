package io.plantline.stream.it;

import io.plantline.testkit.kafka.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing to and reading from the testkit's Kafka in integration tests and benchmarks. */
public final class KafkaTopics {
  private KafkaTopics() {}

  /** The broker's client settings (SASL) as {@link Properties}, for the job's sources and sinks. */
  public static Properties clientProperties(KafkaServer kafka) {
    Properties p = new Properties();
    kafka.clientProperties().forEach((k, v) -> p.setProperty(k, v.toString()));
    return p;
  }

  /** Sends records (key, value) and waits for every acknowledgement. */
  public static void produce(
      KafkaServer kafka, String topic, List<Map.Entry<String, byte[]>> records) throws Exception {
    produce(kafka, topic, null, Duration.ZERO, records);
  }

  /**
   * Sends records (key, value) to {@code partition} (null: by key), waiting {@code pause} after
   * each acknowledgement (zero: sends them all, then waits for every acknowledgement).
   */
  public static void produce(
      KafkaServer kafka,
      String topic,
      Integer partition,
      Duration pause,
      List<Map.Entry<String, byte[]>> records)
      throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("acks", "all");
    props.put("linger.ms", 5);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (Map.Entry<String, byte[]> r : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, partition, r.getKey(), r.getValue())));
        if (!pause.isZero()) {
          sent.remove(0).get();
          Thread.sleep(pause.toMillis());
        }
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    }
  }

  /**
   * Reads {@code topic} from the beginning with the given isolation level until {@code done} holds
   * for what was read, or {@code timeout} passes; returns what was read either way.
   */
  public static List<ConsumerRecord<String, byte[]>> readUntil(
      KafkaServer kafka,
      String topic,
      boolean readCommitted,
      Duration timeout,
      Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
    props.put("enable.auto.commit", false);
    List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(read) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  /** The value of a record as text. */
  public static String text(ConsumerRecord<String, byte[]> r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }
}
