package io.plantline.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.testkit.Credentials;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secured broker: TLS with the test CA, SCRAM-SHA-512 logins, ACLs enforced. A user does what
 * it was granted and nothing else; a wrong password, PLAIN login or a connection without TLS gets
 * nowhere.
 */
class SecuredKafkaIT {
  private static final String TOPIC = "secured.readings.v1";
  private static final String OTHER = "secured.other.v1";
  private static KafkaServer kafka;
  private static final Credentials WRITER = Credentials.generate("writer");

  @BeforeAll
  static void start() {
    kafka = KafkaServer.start(KafkaOptions.defaults().withSecurity());
    kafka.createTopics(1, TOPIC, OTHER);
    kafka.addUser(WRITER);
    kafka.allow(
        List.of(
            new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                new AccessControlEntry(
                    "User:" + WRITER.username(),
                    "*",
                    AclOperation.WRITE,
                    AclPermissionType.ALLOW))));
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldLetAUserWriteWhereGrantedAndNowhereElse() throws Exception {
    assertThat(kafka.isSecured()).isTrue();
    assertThat(kafka.caCertificate()).isPresent();
    try (KafkaProducer<String, String> producer = producer(kafka.clientProperties(WRITER))) {
      producer.send(new ProducerRecord<>(TOPIC, "press-1", "42")).get(30, TimeUnit.SECONDS);

      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>(OTHER, "press-1", "42"))
                      .get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    // The super user reads what the writer wrote; the writer may not read it.
    assertThat(readAll(kafka.clientProperties(), TOPIC))
        .extracting(ConsumerRecord::value)
        .containsExactly("42");
    assertThatThrownBy(() -> readAll(kafka.clientProperties(WRITER), TOPIC))
        .isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void shouldRefuseAWrongPasswordAPlainLoginAndAConnectionWithoutTls() {
    assertThatThrownBy(
            () -> describe(kafka.clientProperties(new Credentials(WRITER.username(), "wrong"))))
        .hasCauseInstanceOf(SaslAuthenticationException.class);

    Map<String, Object> plain = new HashMap<>(kafka.clientProperties(WRITER));
    plain.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    plain.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + WRITER.username()
            + "\" password=\""
            + WRITER.password()
            + "\";");
    assertThatThrownBy(() -> describe(plain)).hasCauseInstanceOf(SaslAuthenticationException.class);

    Map<String, Object> noTls = new HashMap<>(kafka.clientProperties(WRITER));
    noTls.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    noTls.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    noTls.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    assertThatThrownBy(() -> describe(noTls)).isNotNull();
  }

  private static void describe(Map<String, Object> props) throws Exception {
    Map<String, Object> p = new HashMap<>(props);
    p.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10000);
    p.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> props) {
    Map<String, Object> p = new HashMap<>(props);
    p.put("acks", "all");
    p.put("enable.idempotence", true);
    p.put("max.block.ms", 15000);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static List<ConsumerRecord<String, String>> readAll(
      Map<String, Object> props, String topic) {
    Map<String, Object> p = new HashMap<>(props);
    p.put("group.id", "secured-reader");
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", false);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      List<ConsumerRecord<String, String>> read = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(read::add);
      }
      return read;
    }
  }
}
