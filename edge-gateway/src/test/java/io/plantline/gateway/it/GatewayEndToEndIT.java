package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.gateway.app.GatewayRuntime;
import io.plantline.gateway.app.config.GatewayConfig;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated devices → gateway → real Mosquitto (over TLS) and real Kafka, checked on both sides.
 */
@ExtendWith(EmbeddedServersExtension.class)
class GatewayEndToEndIT {
  private static final String WRITE_TOKEN = "e2e-write-token-0123456789";

  @Test
  void shouldDeliverNumberedBatchesOverMqttAndKafkaAndApplyWrites(
      MosquittoServer mqtt, KafkaServer kafka, @TempDir Path dir) throws Exception {
    kafka.createTopics(2, "telemetry.raw.v1");
    Vertx vertx = Vertx.vertx();
    try (SimulatedPlant plant =
            new SimulatedPlant(SimulatedPlant.plant("spindle", "motor-spindle", 4, 100));
        TelemetryCollector mqttSide = new TelemetryCollector(mqtt, "e2e-collector")) {
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .mqttTls(
                  "127.0.0.1",
                  mqtt.tlsPort().orElseThrow(),
                  mqtt.clientCredentials().username(),
                  mqtt.clientCredentials().password(),
                  mqtt.caCertificate().orElseThrow())
              .kafka(
                  kafka.bootstrapServers(),
                  kafka.clientCredentials().username(),
                  kafka.clientCredentials().password());
      for (int i = 1; i <= 4; i++) {
        String id = "spindle-00" + i;
        yaml.device(id, plant.port(id), "motor-spindle", "{fast: 100ms, normal: 200ms, slow: 1s}");
      }
      GatewayRuntime gateway =
          SimulatedPlant.await(
              GatewayRuntime.start(
                  vertx, GatewayConfig.load(yaml.write()), java.util.Optional.of(WRITE_TOKEN)));
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    mqttSide.devices() == 4
                        && List.of(1, 2, 3, 4).stream()
                            .allMatch(i -> mqttSide.batches("spindle-00" + i).size() >= 20));

        for (int i = 1; i <= 4; i++) {
          List<Long> seqs = mqttSide.seqs("spindle-00" + i);
          assertThat(seqs)
              .as("MQTT seqs of spindle-00%d: in order, no gap, no duplicate", i)
              .isEqualTo(range(seqs.get(0), seqs.size()));
        }
        TelemetryBatch last =
            mqttSide.batches("spindle-001").get(mqttSide.batches("spindle-001").size() - 1);
        BatchReading speed = reading(mqttSide.batches("spindle-001"), "speed_rpm");
        assertThat(speed.quality()).isEqualTo(Quality.GOOD);
        assertThat(speed.unit()).isEqualTo("rpm");
        assertThat(speed.value())
            .isCloseTo(plant.device("spindle-001").values().get("speed_rpm"), within(150.0));
        assertThat(last.siteId()).isEqualTo("site-gw");
        assertThat(last.bootEpoch()).isEqualTo(gateway.bootEpoch());

        gateway.write("spindle-002", "speed_setpoint_rpm", 1500.0).get(5, TimeUnit.SECONDS);
        assertThat(plant.device("spindle-002").values().get("speed_setpoint_rpm"))
            .isEqualTo(1500.0);

        Map<String, List<Long>> kafkaSeqs = consume(kafka, 80);
        assertThat(kafkaSeqs).containsKeys("spindle-001", "spindle-004");
        kafkaSeqs.forEach(
            (device, seqs) ->
                assertThat(seqs)
                    .as("Kafka seqs of %s", device)
                    .isEqualTo(range(seqs.get(0), seqs.size())));

        String write =
            "http://127.0.0.1:"
                + gateway.httpPort()
                + "/api/v1/devices/spindle-003/points/speed_setpoint_rpm";
        assertThat(post(write, "{\"value\": 900}", WRITE_TOKEN).statusCode()).isEqualTo(200);
        assertThat(plant.device("spindle-003").values().get("speed_setpoint_rpm")).isEqualTo(900.0);
        assertThat(post(write, "{\"value\": 901}", "wrong-token-0123456789").statusCode())
            .isEqualTo(401);
        assertThat(post(write, "{\"value\": \"fast\"}", WRITE_TOKEN).statusCode()).isEqualTo(400);
        assertThat(
                post(write.replace("spindle-003", "nope"), "{\"value\": 1}", WRITE_TOKEN)
                    .statusCode())
            .isEqualTo(404);
        assertThat(plant.device("spindle-003").values().get("speed_setpoint_rpm")).isEqualTo(900.0);
        HttpResponse<String> ready =
            LoopbackHttp.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics =
            LoopbackHttp.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body())
            .contains(
                "plantline_gateway_poll_latency_seconds_bucket",
                "plantline_gateway_journal_backlog_records");
      } finally {
        SimulatedPlant.await(gateway.stop(vertx));
      }
    } finally {
      SimulatedPlant.await(vertx.close());
    }
  }

  private static HttpResponse<String> post(String url, String body, String token) throws Exception {
    return LoopbackHttp.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static BatchReading reading(List<TelemetryBatch> batches, String metric) {
    for (int i = batches.size() - 1; i >= 0; i--) {
      for (BatchReading r : batches.get(i).readings()) {
        if (r.metric().equals(metric)) {
          return r;
        }
      }
    }
    throw new AssertionError("no " + metric + " reading");
  }

  static List<Long> range(long first, int count) {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      seqs.add(first + i);
    }
    return seqs;
  }

  private static Map<String, List<Long>> consume(KafkaServer kafka, int atLeast) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-e2e");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, List<Long>> seqs = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("telemetry.raw.v1"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int total = 0;
      while (total < atLeast && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(record.value());
          assertThat(record.key()).isEqualTo(batch.deviceId());
          seqs.computeIfAbsent(batch.deviceId(), d -> new ArrayList<>()).add(batch.seq());
          total++;
        }
      }
    }
    return seqs;
  }
}
