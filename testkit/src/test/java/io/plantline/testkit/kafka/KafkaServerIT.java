package io.plantline.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.testkit.Credentials;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServersExtension.class)
class KafkaServerIT {

  @Test
  void shouldDeliverRecordsInKeyOrderFromAnIdempotentProducerToAConsumer(KafkaServer kafka)
      throws Exception {
    String topic = "testkit.roundtrip.v1";
    kafka.createTopics(2, topic);
    Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 100; i++) {
        producer.send(new ProducerRecord<>(topic, "press-" + (i % 3), Integer.toString(i))).get();
      }
    }

    Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-roundtrip");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.size() < 100 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
    }

    assertThat(received).hasSize(100);
    for (String key : List.of("press-0", "press-1", "press-2")) {
      List<Integer> values =
          received.stream()
              .filter(r -> r.key().equals(key))
              .map(r -> Integer.parseInt(r.value()))
              .toList();
      assertThat(values).as("records of %s stay in order", key).isSorted().hasSizeGreaterThan(30);
    }
  }

  @Test
  void shouldKeepRecordsAndResumeAProducerWhenTheBrokerRestarts(KafkaServer kafka)
      throws Exception {
    String topic = "testkit.restart.v1";
    kafka.createTopics(1, topic);
    String bootstrap = kafka.bootstrapServers();
    Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "press-1", "before")).get(30, TimeUnit.SECONDS);
      long brokerPid = kafka.pid();

      kafka.stopBroker();
      assertThat(ProcessHandle.of(brokerPid)).as("the old broker process is gone").isEmpty();
      // send() may block while the producer has no metadata for the topic: not on this thread.
      CompletableFuture<RecordMetadata> sentDuringOutage =
          CompletableFuture.supplyAsync(
              () -> get(producer.send(new ProducerRecord<>(topic, "press-1", "during"))));
      kafka.startBroker();

      assertThat(kafka.pid()).isNotEqualTo(brokerPid);
      sentDuringOutage.get(60, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topic, "press-1", "after")).get(30, TimeUnit.SECONDS);
    } finally {
      if (!kafka.isBrokerRunning()) {
        kafka.startBroker(); // the broker is shared by the whole suite
      }
    }

    assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
    assertThat(readAll(kafka, new TopicPartition(topic, 0), 3))
        .containsExactly("before", "during", "after");
  }

  private static RecordMetadata get(Future<RecordMetadata> sent) {
    try {
      return sent.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("send failed", e);
    }
  }

  private static List<String> readAll(KafkaServer kafka, TopicPartition partition, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            kafka.clientProperties(), new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }

  @Test
  void shouldRefuseAClientWithAWrongPassword(KafkaServer kafka) {
    Credentials wrong = new Credentials(kafka.clientCredentials().username(), "not-the-password");
    Map<String, Object> props = new HashMap<>(kafka.clientProperties(wrong));
    props.put("request.timeout.ms", 5_000);
    props.put("default.api.timeout.ms", 10_000);
    try (Admin admin = Admin.create(props)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void shouldCreateATopicWithItsSettings(KafkaServer kafka) throws Exception {
    String topic = "testkit.compacted.v1";
    kafka.createTopics(
        1, t -> Map.of("cleanup.policy", "compact,delete", "retention.ms", "86400000"), topic);
    kafka.createTopics(1, topic); // exists: left as it is
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact,delete");
      assertThat(config.get("retention.ms").value()).isEqualTo("86400000");
    }
  }
}
