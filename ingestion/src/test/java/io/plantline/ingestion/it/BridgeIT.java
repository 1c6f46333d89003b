package io.plantline.ingestion.it;

import static io.plantline.ingestion.bridge.TestPayloads.telemetryTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.ingestion.bridge.BridgeConfig;
import io.plantline.ingestion.bridge.BridgeMetrics;
import io.plantline.ingestion.bridge.DeadLetterHeaders;
import io.plantline.ingestion.bridge.MqttEndpoint;
import io.plantline.ingestion.bridge.MqttKafkaBridge;
import io.plantline.ingestion.bridge.MqttSubscription;
import io.plantline.ingestion.bridge.TestPayloads;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge in this JVM against the real Mosquitto (password, TLS listener) and the real Kafka
 * (SASL/PLAIN): valid batches arrive once and in order per device, duplicates are dropped, gaps are
 * reported, each kind of bad message is dead-lettered with its reason, and the stream goes on.
 */
@ExtendWith(EmbeddedServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeIT {
  private static final Duration GAP_GRACE = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private Vertx vertx;
  private PrometheusMeterRegistry registry;
  private MqttKafkaBridge bridge;
  private MqttTestPublisher publisher;
  private KafkaServer kafka;
  private MosquittoServer mqtt;
  private BridgeConfig config;

  @BeforeAll
  void startBridge(KafkaServer kafka, MosquittoServer mqtt) throws Exception {
    this.kafka = kafka;
    this.mqtt = mqtt;
    kafka.createTopics(3, Topics.TELEMETRY_RAW, Topics.TELEMETRY_DLQ, Topics.DEVICE_STATUS);
    vertx = Vertx.vertx();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    config =
        new BridgeConfig(
            new MqttEndpoint(mqtt.host(), mqtt.tlsPort().orElseThrow(), true),
            mqtt.clientCredentials().username(),
            mqtt.clientCredentials().password(),
            mqtt.caCertificate(),
            "bridge-it-" + run,
            new MqttSubscription(
                MqttSubscription.Mode.SHARED, "bridge-it-" + run, Optional.empty()),
            KafkaSettings.saslPlain(
                kafka.bootstrapServers(),
                kafka.clientCredentials().username(),
                kafka.clientCredentials().password()),
            "127.0.0.1",
            0,
            1024,
            GAP_GRACE,
            Duration.ofMinutes(10),
            10_000,
            Duration.ZERO);
    bridge = new MqttKafkaBridge(config, new BridgeMetrics(registry));
    vertx
        .deployVerticle(bridge)
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    Awaitility.await("bridge ready").atMost(WAIT).until(bridge::ready);
    publisher = new MqttTestPublisher(vertx, mqtt);
  }

  @AfterAll
  void stopBridge() throws Exception {
    if (publisher != null) {
      publisher.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    Sessions.discard(mqtt, config.clientId());
  }

  private String device(String name) {
    return name + "-" + run;
  }

  private double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void shouldForwardEachBatchOnceInOrderPerDeviceAndDropDuplicates() throws Exception {
    List<String> devices = List.of(device("press-a"), device("press-b"), device("press-c"));
    int perDevice = 60;
    double duplicatesBefore = counter("plantline.bridge.duplicates.dropped");
    List<io.vertx.core.Future<Void>> acks = new ArrayList<>();
    for (int seq = 0; seq < perDevice; seq++) {
      for (String d : devices) {
        acks.add(publisher.publishAsync(telemetryTopic(d), TestPayloads.batchJson(d, 7, seq, 5)));
      }
    }
    io.vertx.core.Future.all(acks)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    // a gateway replay: seqs 10..19 of the first device again (new event ids, same keys)
    for (int seq = 10; seq < 20; seq++) {
      publisher.publish(
          telemetryTopic(devices.get(0)), TestPayloads.batchJson(devices.get(0), 7, seq, 5));
    }
    publisher.publish(
        TestPayloads.statusTopic(devices.get(1)), TestPayloads.birthJson(devices.get(1), 7));

    try (KafkaTestReader raw =
        new KafkaTestReader(kafka, Topics.TELEMETRY_RAW, r -> devices.contains(r.key()))) {
      raw.readUntil(r -> r.size() >= devices.size() * perDevice, WAIT);
      Awaitility.await("duplicates counted")
          .atMost(WAIT)
          .until(() -> counter("plantline.bridge.duplicates.dropped") - duplicatesBefore >= 10);
      List<ConsumerRecord<String, byte[]>> records = raw.drain(Duration.ofSeconds(2));

      Map<String, List<Long>> seqs = new LinkedHashMap<>();
      for (ConsumerRecord<String, byte[]> r : records) {
        TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(r.value());
        assertThat(r.key()).isEqualTo(batch.deviceId());
        seqs.computeIfAbsent(batch.deviceId(), k -> new ArrayList<>()).add(batch.seq());
      }
      List<Long> expected = LongStream.range(0, perDevice).boxed().toList();
      for (String d : devices) {
        assertThat(seqs.get(d)).as("%s: each seq once, in order", d).isEqualTo(expected);
      }
    }
    try (KafkaTestReader status =
        new KafkaTestReader(kafka, Topics.DEVICE_STATUS, r -> devices.get(1).equals(r.key()))) {
      List<ConsumerRecord<String, byte[]>> births = status.readUntil(r -> !r.isEmpty(), WAIT);
      assertThat(births).hasSize(1);
      assertThat(Codecs.DEVICE_STATUS.decode(births.get(0).value()).state())
          .isEqualTo(DeviceState.BIRTH);
    }
  }

  @Test
  void shouldReportAGapAfterItsGracePeriodWithoutWhatArrivedOutOfOrder() throws Exception {
    String d = device("mill-gap");
    double missingBefore = counter("plantline.bridge.gap.missing.batches");
    double reorderedBefore = counter("plantline.bridge.gap.reordered");
    // 3..19 skipped; 5 and 6 arrive late but within the grace period (a broker redelivering out
    // of order), so only 3..4 and 7..19 are missing when the grace period has passed.
    for (long seq : new long[] {0, 1, 2, 20, 21, 5, 6}) {
      publisher.publish(telemetryTopic(d), TestPayloads.batchJson(d, 3, seq, 2));
    }

    try (KafkaTestReader status =
        new KafkaTestReader(kafka, Topics.DEVICE_STATUS, r -> d.equals(r.key()))) {
      status.readUntil(r -> r.size() >= 2, WAIT);
      List<ConsumerRecord<String, byte[]>> events = status.drain(Duration.ofSeconds(1));
      List<DeviceStatus> gaps =
          events.stream().map(r -> Codecs.DEVICE_STATUS.decode(r.value())).toList();
      assertThat(gaps).extracting(DeviceStatus::state).containsOnly(DeviceState.GAP);
      assertThat(gaps).extracting(DeviceStatus::bootEpoch).containsOnly(3L);
      assertThat(gaps).extracting(DeviceStatus::siteId).containsOnly(TestPayloads.SITE);
      assertThat(gaps)
          .extracting(DeviceStatus::reason)
          .containsExactly("seq 3..4 missing (2 batches)", "seq 7..19 missing (13 batches)");
    }
    assertThat(counter("plantline.bridge.gap.missing.batches") - missingBefore).isEqualTo(15);
    assertThat(counter("plantline.bridge.gap.reordered") - reorderedBefore).isEqualTo(2);
    try (KafkaTestReader raw =
        new KafkaTestReader(kafka, Topics.TELEMETRY_RAW, r -> d.equals(r.key()))) {
      assertThat(raw.readUntil(r -> r.size() >= 7, WAIT)).hasSize(7);
    }
  }

  @Test
  void shouldDeadLetterEachKindOfBadMessageAndKeepForwarding() throws Exception {
    String d = device("bad");
    String t = telemetryTopic(d);
    String badTopic =
        "plantline/v1/" + TestPayloads.SITE + "/" + TestPayloads.AREA + "/bad device!/telemetry";
    // name -> topic, payload, category, field
    Map<String, Object[]> cases = new LinkedHashMap<>();
    cases.put("not-json", new Object[] {t, utf8("{\"eventId\": oops"), "malformed_json", "$"});
    cases.put(
        "missing-field",
        new Object[] {t, TestPayloads.without(d, 1, "seq"), "missing_field", "seq"});
    cases.put(
        "nan",
        new Object[] {
          t,
          TestPayloads.edited(d, 2, "\"value\":2.0", "\"value\":NaN"),
          "not_finite",
          "readings[0].value"
        });
    cases.put(
        "nan-string",
        new Object[] {
          t,
          TestPayloads.edited(d, 3, "\"value\":3.0", "\"value\":\"NaN\""),
          "not_finite",
          "readings[0].value"
        });
    cases.put(
        "schema",
        new Object[] {
          t,
          TestPayloads.edited(d, 4, "\"schemaVersion\":1", "\"schemaVersion\":2"),
          "schema_version",
          "schemaVersion"
        });
    cases.put("too-large", new Object[] {t, TestPayloads.oversized(d, 5), "too_large", "$"});
    cases.put(
        "wrong-type",
        new Object[] {
          t,
          TestPayloads.edited(d, 6, "\"bootEpoch\":1", "\"bootEpoch\":\"1\""),
          "wrong_type",
          "bootEpoch"
        });
    cases.put(
        "mismatch",
        new Object[] {
          telemetryTopic(device("other")),
          TestPayloads.batchJson(d, 1, 7, 1),
          "topic_mismatch",
          "deviceId"
        });
    cases.put(
        "bad-topic",
        new Object[] {badTopic, TestPayloads.batchJson(d, 1, 8, 1), "bad_topic", "topic"});
    double rejectedBefore = counter("plantline.bridge.rejected", "reason", "not_finite");

    Map<String, byte[]> sent = new HashMap<>();
    for (Map.Entry<String, Object[]> c : cases.entrySet()) {
      sent.put(c.getKey(), (byte[]) c.getValue()[1]);
      publisher.publish((String) c.getValue()[0], (byte[]) c.getValue()[1]);
    }
    String good = device("good-after-bad");
    publisher.publish(telemetryTopic(good), TestPayloads.batchJson(good, 1, 0, 3));

    List<String> topics = cases.values().stream().map(v -> (String) v[0]).distinct().toList();
    try (KafkaTestReader dlq =
        new KafkaTestReader(
            kafka,
            Topics.TELEMETRY_DLQ,
            r -> topics.contains(header(r, DeadLetterHeaders.SOURCE_TOPIC)))) {
      List<ConsumerRecord<String, byte[]>> letters =
          dlq.readUntil(r -> r.size() >= cases.size(), WAIT);
      letters = dlq.drain(Duration.ofSeconds(1));
      assertThat(letters).hasSize(cases.size());
      List<String> names = new ArrayList<>(cases.keySet());
      for (String name : names) {
        Object[] c = cases.get(name);
        ConsumerRecord<String, byte[]> letter =
            letters.stream()
                .filter(r -> java.util.Arrays.equals(r.value(), sent.get(name)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + name));
        assertThat(header(letter, DeadLetterHeaders.CATEGORY)).as(name).isEqualTo(c[2]);
        assertThat(header(letter, DeadLetterHeaders.FIELD)).as(name).isEqualTo(c[3]);
        assertThat(header(letter, DeadLetterHeaders.REASON)).as(name).isNotBlank();
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(c[0]);
        assertThat(header(letter, DeadLetterHeaders.RECEIVED_AT)).isNotBlank();
      }
    }
    assertThat(counter("plantline.bridge.rejected", "reason", "not_finite") - rejectedBefore)
        .isEqualTo(2);
    try (KafkaTestReader raw =
        new KafkaTestReader(kafka, Topics.TELEMETRY_RAW, r -> good.equals(r.key()))) {
      assertThat(raw.readUntil(r -> !r.isEmpty(), WAIT))
          .as("valid traffic after the bad")
          .hasSize(1);
    }
    try (KafkaTestReader raw =
        new KafkaTestReader(kafka, Topics.TELEMETRY_RAW, r -> d.equals(r.key()))) {
      assertThat(raw.drain(Duration.ofSeconds(1))).as("nothing bad forwarded").isEmpty();
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
