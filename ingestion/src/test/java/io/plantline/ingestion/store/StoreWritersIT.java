package io.plantline.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.timeseries.QuestDbServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Both writers against real Kafka, QuestDB and Cassandra: exactly once, replay, DLQ, outage. */
@ExtendWith(EmbeddedServersExtension.class)
class StoreWritersIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2026-03-02T23:58:00Z");
  private static final String KEYSPACE = "history_it";

  private static KafkaServer kafka;
  private static QuestDbServer questdb;
  private static CassandraServer cassandra;
  private static CqlSession cql;

  @BeforeAll
  static void servers(KafkaServer k, QuestDbServer q, CassandraServer c) {
    kafka = k;
    questdb = q;
    cassandra = c;
    kafka.createTopics(2, Topics.TELEMETRY_RAW, Topics.DEVICE_STATUS, Topics.TELEMETRY_DLQ);
    cql = cassandra.openSession();
  }

  @AfterAll
  static void closeSession() {
    if (cql != null) {
      cql.close();
    }
  }

  @Test
  void shouldWriteEveryReadingOnceDeadLetterPoisonAndLeaveStoresUnchangedOnReplay()
      throws Exception {
    String run = "r" + UUID.randomUUID().toString().substring(0, 6);
    List<String> metrics = List.of(run + "_temp", run + "_speed", run + "_current");
    List<String> devices = new ArrayList<>();
    List<TelemetryBatch> first = new ArrayList<>();
    List<TelemetryBatch> second = new ArrayList<>();
    // 5 devices x 40 batches x 3 metrics = 600 readings, one second apart, crossing midnight UTC
    for (int d = 0; d < 5; d++) {
      String device = run + "-dev-" + d;
      devices.add(device);
      for (long seq = 0; seq < 40; seq++) {
        TelemetryBatch b =
            TelemetryFixtures.batch(device, d, metrics, seq, START, Duration.ofSeconds(3));
        (seq < 20 ? first : second).add(b);
      }
    }
    int expectedPerMetric = 5 * 40;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (KafkaProducer<String, byte[]> producer = TelemetryFixtures.producer(kafka)) {
      TelemetryFixtures.send(producer, first);
      TelemetryFixtures.sendRaw(
          producer,
          Topics.TELEMETRY_RAW,
          devices.get(0),
          "{\"eventId\": 12".getBytes(StandardCharsets.UTF_8));
      TelemetryFixtures.sendRaw(
          producer,
          Topics.DEVICE_STATUS,
          devices.get(1),
          io.plantline.contracts.codec.Codecs.DEVICE_STATUS.encode(
              TelemetryFixtures.status(devices.get(1), DeviceState.BIRTH, 7, START)));
      TelemetryFixtures.sendRaw(
          producer,
          Topics.DEVICE_STATUS,
          devices.get(1),
          io.plantline.contracts.codec.Codecs.DEVICE_STATUS.encode(
              new io.plantline.contracts.status.DeviceStatus(
                  UUID.randomUUID(),
                  1,
                  devices.get(1),
                  "site-a",
                  "area-1",
                  DeviceState.GAP,
                  7,
                  START.plusSeconds(30),
                  "seq 3..5 missing (3 batches)")));
      // a stale last will of an earlier boot: must not turn the device offline
      TelemetryFixtures.sendRaw(
          producer,
          Topics.DEVICE_STATUS,
          devices.get(1),
          io.plantline.contracts.codec.Codecs.DEVICE_STATUS.encode(
              TelemetryFixtures.status(
                  devices.get(1), DeviceState.DEATH, 6, START.plusSeconds(40))));
      TelemetryFixtures.send(producer, second);
      // a late, older duplicate-time reading for device 0: must not move the latest value back
      TelemetryFixtures.send(
          producer,
          List.of(TelemetryFixtures.batch(devices.get(0), 0, metrics, 1, START, Duration.ZERO)));

      try (StoreWriter ts = timeSeriesWriter(run + "-a", questdb.httpUrl(), registry);
          StoreWriter history = historyWriter(run + "-a", registry)) {
        awaitCounts(metrics, devices, expectedPerMetric);
        await().atMost(DEADLINE).until(() -> ts.metrics().lag() == 0);
        await().atMost(DEADLINE).until(() -> history.metrics().lag() == 0);
        assertThat(ts.metrics().deadLetters()).isEqualTo(1);
        assertThat(history.metrics().deadLetters()).isEqualTo(1);
      }
      assertExactlyOnce(metrics, devices, expectedPerMetric);
      assertLatest(devices, metrics);
      assertThat(badCount(metrics.get(0), devices)).isPositive();

      Map<String, Header> dlqHeaders = deadLetterHeaders(run, devices.get(0));
      assertThat(text(dlqHeaders.get(DeadLetters.SOURCE_TOPIC))).isEqualTo(Topics.TELEMETRY_RAW);
      assertThat(text(dlqHeaders.get(DeadLetters.FIELD))).isEqualTo("$");
      assertThat(text(dlqHeaders.get(DeadLetters.REASON))).isNotBlank();
      assertThat(Long.parseLong(text(dlqHeaders.get(DeadLetters.SOURCE_OFFSET)))).isNotNegative();
      assertThat(dlqHeaders).containsKey(DeadLetters.SOURCE_PARTITION);

      Row registryRow =
          cql.execute(
                  "SELECT last_state, boot_epoch, last_seen, last_gap, last_gap_reason, last_death"
                      + " FROM "
                      + KEYSPACE
                      + ".devices WHERE device_id = ?",
                  devices.get(1))
              .one();
      assertThat(registryRow).isNotNull();
      assertThat(registryRow.getString("last_state")).isEqualTo("BIRTH");
      assertThat(registryRow.getLong("boot_epoch")).isEqualTo(7);
      assertThat(registryRow.getInstant("last_gap")).isEqualTo(START.plusSeconds(30));
      assertThat(registryRow.getString("last_gap_reason"))
          .isEqualTo("seq 3..5 missing (3 batches)");
      assertThat(registryRow.getInstant("last_death")).isNull();
      assertThat(registryRow.getInstant("last_seen")).isEqualTo(START.plusSeconds(39 * 3));

      // Replay the whole topic with new consumer groups: nothing changes.
      SimpleMeterRegistry replayRegistry = new SimpleMeterRegistry();
      try (StoreWriter ts = timeSeriesWriter(run + "-b", questdb.httpUrl(), replayRegistry);
          StoreWriter history = historyWriter(run + "-b", replayRegistry)) {
        await()
            .atMost(DEADLINE)
            .until(
                () ->
                    ts.metrics().pointsWritten() >= 3 * expectedPerMetric + 3
                        && history.metrics().pointsWritten() >= 3 * expectedPerMetric + 3
                        && ts.metrics().lag() == 0
                        && history.metrics().lag() == 0);
      }
      for (String metric : metrics) {
        questdb.awaitTable(metric);
      }
      assertExactlyOnce(metrics, devices, expectedPerMetric);
      assertLatest(devices, metrics);
    }
  }

  @Test
  void shouldLoseNothingWhileTheTimeSeriesServerIsUnreachable() throws Exception {
    String run = "o" + UUID.randomUUID().toString().substring(0, 6);
    List<String> metrics = List.of(run + "_pressure", run + "_flow");
    List<String> devices = List.of(run + "-dev-0", run + "-dev-1", run + "-dev-2");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    int questPort = URI.create(questdb.httpUrl()).getPort();
    try (TcpProxy proxy = new TcpProxy(questPort);
        KafkaProducer<String, byte[]> producer = TelemetryFixtures.producer(kafka);
        StoreWriter ts = timeSeriesWriter(run, "http://127.0.0.1:" + proxy.port(), registry)) {
      for (long seq = 0; seq < 60; seq++) {
        List<TelemetryBatch> round = new ArrayList<>();
        for (int d = 0; d < devices.size(); d++) {
          round.add(
              TelemetryFixtures.batch(
                  devices.get(d), d, metrics, seq, START.plusSeconds(3600), Duration.ofSeconds(1)));
        }
        TelemetryFixtures.send(producer, round);
        if (seq == 20) {
          await().atMost(DEADLINE).until(() -> ts.metrics().pointsWritten() > 0);
          proxy.stop();
        }
        if (seq == 40) {
          await().atMost(DEADLINE).until(() -> ts.metrics().retries() >= 2);
          assertThat(ts.ready()).isFalse();
          proxy.start();
        }
        Thread.sleep(20); // pacing the producer, not synchronisation
      }
      for (String metric : metrics) {
        await().atMost(DEADLINE).until(() -> questCount(metric, devices) == 60L * devices.size());
      }
      assertThat(ts.metrics().retries()).isGreaterThanOrEqualTo(2);
    }
    for (String metric : metrics) {
      assertThat(questDistinct(metric, devices)).isEqualTo(60L * devices.size());
      assertThat(questCount(metric, devices)).isEqualTo(60L * devices.size());
    }
  }

  private static StoreWriter timeSeriesWriter(
      String group, String url, SimpleMeterRegistry registry) {
    TimeSeriesTarget target =
        TimeSeriesTarget.questDb(
            url, questdb.httpCredentials().username(), questdb.httpCredentials().password());
    return StoreWriter.timeSeries(
        kafkaSettings(), target, StoreWriter.Options.defaults(group), registry);
  }

  private static StoreWriter historyWriter(String group, SimpleMeterRegistry registry) {
    return StoreWriter.history(
        kafkaSettings(), cassandraSettings(), 64, StoreWriter.Options.defaults(group), registry);
  }

  static KafkaSettings kafkaSettings() {
    return KafkaSettings.saslPlain(
        kafka.bootstrapServers(),
        kafka.clientCredentials().username(),
        kafka.clientCredentials().password());
  }

  static CassandraSettings cassandraSettings() {
    InetSocketAddress cp = cassandra.contactPoint();
    return new CassandraSettings(
        List.of(InetSocketAddress.createUnresolved(cp.getHostString(), cp.getPort())),
        cassandra.localDatacenter(),
        Optional.of(cassandra.applicationCredentials().username()),
        Optional.of(cassandra.applicationCredentials().password()),
        KEYSPACE,
        1,
        Duration.ofDays(30));
  }

  private static void awaitCounts(List<String> metrics, List<String> devices, int perMetric) {
    for (String metric : metrics) {
      await().atMost(DEADLINE).until(() -> questCount(metric, devices) >= perMetric);
    }
    await()
        .atMost(DEADLINE)
        .until(() -> cassandraCount(devices, metrics) >= (long) perMetric * metrics.size());
  }

  private static void assertExactlyOnce(List<String> metrics, List<String> devices, int perMetric) {
    for (String metric : metrics) {
      assertThat(questCount(metric, devices)).as("rows of %s", metric).isEqualTo(perMetric);
      assertThat(questDistinct(metric, devices)).isEqualTo(perMetric);
    }
    assertThat(cassandraCount(devices, metrics)).isEqualTo((long) perMetric * metrics.size());
  }

  /** The latest of each device and metric is seq 39 (the late seq-1 batch did not win). */
  private static void assertLatest(List<String> devices, List<String> metrics) {
    for (int d = 0; d < devices.size(); d++) {
      Row row =
          cql.execute(
                  "SELECT metrics FROM " + KEYSPACE + ".latest_by_device WHERE device_id = ?",
                  devices.get(d))
              .one();
      assertThat(row).isNotNull();
      Map<String, TupleValue> latest = row.getMap("metrics", String.class, TupleValue.class);
      assertThat(latest).containsOnlyKeys(metrics);
      for (int m = 0; m < metrics.size(); m++) {
        TupleValue entry = latest.get(metrics.get(m));
        assertThat(entry.getDouble(0)).isEqualTo(TelemetryFixtures.value(d, m, 39));
        assertThat(entry.getInstant(3)).isEqualTo(START.plusSeconds(39 * 3));
      }
    }
  }

  private static long questCount(String metric, List<String> devices) {
    try {
      return ((Number)
              questdb
                  .query(
                      "SELECT count() c FROM \"" + metric + "\" WHERE deviceId IN " + in(devices))
                  .get(0)
                  .get("c"))
          .longValue();
    } catch (IllegalStateException tableNotThere) {
      return 0;
    }
  }

  private static long questDistinct(String metric, List<String> devices) {
    return ((Number)
            questdb
                .query(
                    "SELECT count() c FROM (SELECT DISTINCT deviceId, timestamp FROM \""
                        + metric
                        + "\" WHERE deviceId IN "
                        + in(devices)
                        + ")")
                .get(0)
                .get("c"))
        .longValue();
  }

  private static long badCount(String metric, List<String> devices) {
    return ((Number)
            questdb
                .query(
                    "SELECT count() c FROM \""
                        + metric
                        + "\" WHERE quality = 'BAD' AND deviceId IN "
                        + in(devices))
                .get(0)
                .get("c"))
        .longValue();
  }

  private static String in(List<String> values) {
    return "('" + String.join("','", values) + "')";
  }

  private static long cassandraCount(List<String> devices, List<String> metrics) {
    long count = 0;
    LocalDate day0 = LocalDate.ofInstant(START, ZoneOffset.UTC);
    for (String device : devices) {
      for (LocalDate day : List.of(day0, day0.plusDays(1))) {
        for (Row row : cql.execute(ReadingBatchRow.selectDayCql(KEYSPACE), device, day)) {
          count +=
              ReadingBatchRow.from(device, row).readings().stream()
                  .filter(r -> metrics.contains(r.metric()))
                  .count();
        }
      }
    }
    return count;
  }

  private static Map<String, Header> deadLetterHeaders(String run, String key) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("group.id", run + "-dlq-reader");
    props.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TELEMETRY_DLQ));
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (found.size() < 2 && System.nanoTime() < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(r.key())) {
            found.add(r);
          }
        }
      }
    }
    assertThat(found).as("one dead letter per writer group").hasSize(2);
    assertThat(found)
        .extracting(r -> text(r.headers().lastHeader(DeadLetters.CONSUMER_GROUP)))
        .containsExactlyInAnyOrder(run + "-a-timeseries", run + "-a-history");
    assertThat(new String(found.get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"eventId\": 12");
    Map<String, Header> headers = new HashMap<>();
    found.get(0).headers().forEach(h -> headers.put(h.key(), h));
    return headers;
  }

  private static String text(Header header) {
    assertThat(header).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
