package io.plantline.console.it;

import io.plantline.contracts.topic.Topics;
import io.plantline.testkit.kafka.KafkaServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka helpers of the ITs: topics, publishing, reading a topic from the start. */
final class Kafka {
  private Kafka() {}

  static void topics(KafkaServer kafka) {
    kafka.createTopics(
        2,
        Topics.ALARMS,
        Topics.ALARM_COMMANDS,
        Topics.DEVICE_STATUS,
        Topics.WORK_ORDER_EVENTS,
        Topics.CONSOLE_SESSIONS);
  }

  static void publish(KafkaServer kafka, String topic, String key, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            kafka.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Reads {@code topic} from the beginning until a record matches, at most {@code timeout}. */
  static ConsumerRecord<String, byte[]> await(
      KafkaServer kafka,
      String topic,
      Predicate<ConsumerRecord<String, byte[]>> match,
      Duration timeout) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("group.id", "console-it-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (match.test(r)) {
            return r;
          }
          seen.add(r.key());
        }
      }
    }
    throw new AssertionError(
        "no matching record on " + topic + " within " + timeout + " (keys seen: " + seen + ")");
  }
}
