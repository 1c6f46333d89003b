package io.plantline.ingestion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.ingestion.bridge.BridgeConfig;
import io.plantline.ingestion.bridge.BridgeMetrics;
import io.plantline.ingestion.bridge.MqttEndpoint;
import io.plantline.ingestion.bridge.MqttKafkaBridge;
import io.plantline.ingestion.bridge.MqttSubscription;
import io.plantline.ingestion.kafka.KafkaSettings;
import io.plantline.ingestion.store.CassandraSettings;
import io.plantline.ingestion.store.ReadingBatchRow;
import io.plantline.ingestion.store.StoreWriter;
import io.plantline.ingestion.store.TimeSeriesTarget;
import io.plantline.simulators.app.PlantFile;
import io.plantline.simulators.app.PlantRuntime;
import io.plantline.simulators.app.SimulatorOptions;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.timeseries.QuestDbServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole ingestion path with nothing mocked: simulated Modbus devices → edge gateway (journal,
 * MQTT QoS 1) → real Mosquitto → MQTT→Kafka bridge → real Kafka → time-series writer (real QuestDB
 * through the InfluxDB v2 write API) and history writer (real Cassandra). An independent MQTT
 * subscriber records what the gateway published; every one of those readings must be in Kafka and
 * in both stores exactly once.
 */
@ExtendWith(EmbeddedServersExtension.class)
class IngestionEndToEndIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String SITE = "site-e2e";
  private static final String KEYSPACE = "history_e2e";
  private static final int DEVICES = 3;

  @Test
  void shouldLandEveryPublishedReadingOnceInKafkaQuestDbAndCassandra(
      MosquittoServer mqtt,
      KafkaServer kafka,
      QuestDbServer questdb,
      CassandraServer cassandra,
      @TempDir Path dir)
      throws Exception {
    kafka.createTopics(2, Topics.TELEMETRY_RAW, Topics.TELEMETRY_DLQ, Topics.DEVICE_STATUS);
    KafkaSettings kafkaSettings =
        KafkaSettings.saslPlain(
            kafka.bootstrapServers(),
            kafka.clientCredentials().username(),
            kafka.clientCredentials().password());
    Vertx vertx = Vertx.vertx();
    Map<String, Set<Long>> published = new ConcurrentHashMap<>();
    Map<String, TelemetryBatch> publishedBatches = new ConcurrentHashMap<>();
    try {
      PlantRuntime plant = completed(PlantRuntime.start(vertx, plantFile(dir), simulatorOptions()));
      MqttClient observer = observer(vertx, mqtt, published, publishedBatches);
      MqttKafkaBridge bridge = startBridge(vertx, mqtt, kafkaSettings);
      SimpleMeterRegistry storeMetrics = new SimpleMeterRegistry();
      try (StoreWriter timeSeries =
              StoreWriter.timeSeries(
                  kafkaSettings,
                  TimeSeriesTarget.questDb(
                      questdb.httpUrl(),
                      questdb.httpCredentials().username(),
                      questdb.httpCredentials().password()),
                  StoreWriter.Options.defaults("e2e-timeseries"),
                  storeMetrics);
          StoreWriter history =
              StoreWriter.history(
                  kafkaSettings,
                  cassandraSettings(cassandra),
                  64,
                  StoreWriter.Options.defaults("e2e-history"),
                  storeMetrics);
          CqlSession cql = cassandra.openSession()) {
        GatewayRuntime gateway =
            completed(
                GatewayRuntime.start(vertx, GatewayConfig.load(gatewayYaml(dir, mqtt, plant))));
        await()
            .atMost(DEADLINE)
            .until(
                () ->
                    published.size() == DEVICES
                        && published.values().stream().allMatch(s -> s.size() >= 30));
        completed(gateway.stop(vertx)); // drains what is in flight
        long appended = gateway.journal().appendedRecords();
        long kept = gateway.journal().backlogRecords();
        await()
            .atMost(DEADLINE)
            .until(() -> published.values().stream().mapToLong(Set::size).sum() + kept >= appended);

        // The gateway's side: every device numbered its batches without a gap.
        for (Map.Entry<String, Set<Long>> device : published.entrySet()) {
          TreeSet<Long> seqs = new TreeSet<>(device.getValue());
          assertThat(seqs.last() - seqs.first() + 1)
              .as("%s published without a seq gap", device.getKey())
              .isEqualTo(seqs.size());
        }
        Map<String, Map<String, Long>> expected = readingsPerDeviceAndMetric(publishedBatches);
        long expectedReadings =
            expected.values().stream().flatMap(m -> m.values().stream()).mapToLong(l -> l).sum();
        assertThat(expectedReadings).isGreaterThan(DEVICES * 30L);

        // Kafka: every published batch exactly once (the bridge dropped QoS 1 repeats).
        Map<String, Integer> inKafka = new HashMap<>();
        await()
            .atMost(DEADLINE)
            .until(
                () -> {
                  inKafka.putAll(batchesInKafka(kafkaSettings));
                  return inKafka.keySet().containsAll(publishedBatches.keySet());
                });
        assertThat(inKafka.keySet()).isEqualTo(publishedBatches.keySet());
        assertThat(inKafka.values()).as("each batch once in Kafka").allMatch(n -> n == 1);

        // Both stores: every reading exactly once, per device and metric.
        for (Map.Entry<String, Map<String, Long>> device : expected.entrySet()) {
          for (Map.Entry<String, Long> metric : device.getValue().entrySet()) {
            String deviceId = device.getKey();
            await()
                .atMost(DEADLINE)
                .until(() -> questCount(questdb, metric.getKey(), deviceId) >= metric.getValue());
            await()
                .atMost(DEADLINE)
                .until(
                    () ->
                        cassandraCount(cql, deviceId, metric.getKey(), publishedBatches)
                            >= metric.getValue());
            assertThat(questCount(questdb, metric.getKey(), deviceId))
                .as("QuestDB rows of %s.%s", deviceId, metric.getKey())
                .isEqualTo(metric.getValue());
            assertThat(cassandraCount(cql, deviceId, metric.getKey(), publishedBatches))
                .as("Cassandra rows of %s.%s", deviceId, metric.getKey())
                .isEqualTo(metric.getValue());
          }
        }
        System.out.printf(
            "end to end: %d batches, %d readings from %d devices, each once in Kafka, QuestDB"
                + " and Cassandra%n",
            publishedBatches.size(), expectedReadings, DEVICES);
      } finally {
        completed(vertx.undeploy(bridge.deploymentID()));
        completed(observer.disconnect());
        completed(plant.stop());
      }
    } finally {
      completed(vertx.close());
    }
  }

  private static Map<String, Map<String, Long>> readingsPerDeviceAndMetric(
      Map<String, TelemetryBatch> batches) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (TelemetryBatch batch : batches.values()) {
      for (BatchReading reading : batch.readings()) {
        counts
            .computeIfAbsent(batch.deviceId(), d -> new HashMap<>())
            .merge(reading.metric(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static Map<String, Integer> batchesInKafka(KafkaSettings kafka) {
    Map<String, Object> props =
        kafka.manualCommitConsumerProperties("e2e-check-" + System.nanoTime());
    Map<String, Integer> seen = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TELEMETRY_RAW));
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          quietSince = System.nanoTime();
        }
        for (ConsumerRecord<String, byte[]> record : records) {
          TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(record.value());
          if (batch.siteId().equals(SITE)) {
            seen.merge(key(batch), 1, Integer::sum);
          }
        }
      }
    }
    return seen;
  }

  private static long questCount(QuestDbServer questdb, String metric, String deviceId) {
    try {
      return ((Number)
              questdb
                  .query(
                      "SELECT count() c FROM \""
                          + metric
                          + "\" WHERE deviceId = '"
                          + deviceId
                          + "'")
                  .get(0)
                  .get("c"))
          .longValue();
    } catch (IllegalStateException tableNotThere) {
      return 0;
    }
  }

  private static long cassandraCount(
      CqlSession cql, String deviceId, String metric, Map<String, TelemetryBatch> batches) {
    Set<LocalDate> days = new HashSet<>();
    for (TelemetryBatch batch : batches.values()) {
      for (BatchReading reading : batch.readings()) {
        days.add(LocalDate.ofInstant(reading.sourceTime(), ZoneOffset.UTC));
      }
    }
    long count = 0;
    for (LocalDate day : days) {
      for (Row row : cql.execute(ReadingBatchRow.selectDayCql(KEYSPACE), deviceId, day)) {
        count +=
            ReadingBatchRow.from(deviceId, row).readings().stream()
                .filter(r -> r.metric().equals(metric))
                .count();
      }
    }
    return count;
  }

  private static String key(TelemetryBatch batch) {
    return batch.deviceId() + "/" + batch.bootEpoch() + "/" + batch.seq();
  }

  private static MqttClient observer(
      Vertx vertx,
      MosquittoServer mqtt,
      Map<String, Set<Long>> published,
      Map<String, TelemetryBatch> batches)
      throws Exception {
    MqttClient client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("e2e-observer")
                .setUsername(mqtt.clientCredentials().username())
                .setPassword(mqtt.clientCredentials().password()));
    client.publishHandler(
        m -> {
          TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(m.payload().getBytes());
          published
              .computeIfAbsent(batch.deviceId(), d -> ConcurrentHashMap.newKeySet())
              .add(batch.seq());
          batches.putIfAbsent(key(batch), batch);
        });
    completed(client.connect(mqtt.port(), mqtt.host()));
    completed(
        client.subscribe("plantline/v1/" + SITE + "/+/+/telemetry", MqttQoS.AT_LEAST_ONCE.value()));
    return client;
  }

  private static MqttKafkaBridge startBridge(Vertx vertx, MosquittoServer mqtt, KafkaSettings kafka)
      throws Exception {
    BridgeConfig config =
        new BridgeConfig(
            new MqttEndpoint(mqtt.host(), mqtt.port(), false),
            mqtt.clientCredentials().username(),
            mqtt.clientCredentials().password(),
            Optional.empty(),
            "e2e-bridge",
            MqttSubscription.direct(),
            kafka,
            "127.0.0.1",
            0,
            1024,
            Duration.ofSeconds(10),
            Duration.ofMinutes(10),
            10_000,
            Duration.ZERO);
    MqttKafkaBridge bridge =
        new MqttKafkaBridge(
            config, new BridgeMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    completed(vertx.deployVerticle(bridge));
    await().atMost(DEADLINE).until(bridge::ready);
    return bridge;
  }

  private static CassandraSettings cassandraSettings(CassandraServer cassandra) {
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

  private static PlantFile plantFile(Path dir) {
    return PlantFile.parse(
        """
        plant: e2e
        tickMillis: 100
        sites:
          - id: %s
            areas:
              - id: area-e2e
                devices:
                  - {id: e2e-spindle, model: motor-spindle, count: %d, seed: 11}
        """
            .formatted(SITE, DEVICES),
        "e2e-plant.yaml",
        dir);
  }

  private static SimulatorOptions simulatorOptions() {
    return new SimulatorOptions(
        1, Optional.empty(), 0, "e2e-control-token-0123456789", Optional.empty());
  }

  private static Path gatewayYaml(Path dir, MosquittoServer mqtt, PlantRuntime plant)
      throws Exception {
    Path secret =
        Files.writeString(dir.resolve("mqtt-password"), mqtt.clientCredentials().password());
    List<String> devices = new ArrayList<>();
    for (int i = 1; i <= DEVICES; i++) {
      String id = String.format("e2e-spindle-%03d", i);
      devices.add(
          "  - {id: %s, area: area-e2e, endpoint: \"127.0.0.1:%d\", unitId: 1, registerMap: motor-spindle, pollClasses: {fast: 100ms, normal: 200ms, slow: 1s}}"
              .formatted(id, plant.endpointOf(id).orElseThrow().port()));
    }
    String yaml =
        "gateway: {id: gw-e2e, site: "
            + SITE
            + "}\n"
            + "defaults: {timeout: 1s, retries: 1, maxSilence: 0s}\n"
            + "devices:\n"
            + String.join("\n", devices)
            + "\nuplinks:\n"
            + "  mqtt: {url: \"tcp://%s:%d\", username: %s, passwordFile: \"%s\", keepAlive: 5s}\n"
                .formatted(mqtt.host(), mqtt.port(), mqtt.clientCredentials().username(), secret)
            + "journal: {directory: \"%s\", maxBytes: 64MiB, segmentBytes: 1MiB, fsync: interval, fsyncInterval: 100ms, overflow: drop-oldest}\n"
                .formatted(dir.resolve("journal"))
            + "http: {bind: 127.0.0.1, port: 0}\n";
    return Files.writeString(dir.resolve("gateway.yaml"), yaml);
  }

  private static <T> T completed(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
