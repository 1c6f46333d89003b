package io.plantline.ingestion.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.topic.Topics;
import io.plantline.ingestion.app.IngestionMain;
import io.plantline.ingestion.bridge.TestPayloads;
import io.plantline.testkit.bench.BenchArgs;
import io.plantline.testkit.bench.ProcessCpu;
import io.plantline.testkit.bench.PrometheusText;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code BridgeBench}: {@code --devices} simulated devices publish batches of {@code --readings}
 * readings at QoS 1, paced to {@code --rate} batches/s in total over {@code --connections} MQTT
 * connections, to a real Mosquitto; ONE bridge process ({@code plantline ingest bridge}, -Xmx256m)
 * forwards them to a real Kafka (SASL/PLAIN, acks=all, idempotent). A consumer counts what reaches
 * {@code telemetry.raw.v1}. After a 5 s warm-up it measures {@code --seconds} and prints points/s
 * and batches/s into Kafka, the bridge's Kafka-ack and MQTT-receipt-to-Kafka-ack latency p50/p99,
 * its heap and CPU. Stops by itself.
 */
public final class BridgeBench {
  private static final Pattern PORT =
      Pattern.compile("operations on http://127\\.0\\.0\\.1:(\\d+)");

  private BridgeBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int devices = options.integer("--devices", 200);
    int readings = options.integer("--readings", 10);
    int rate = options.integer("--rate", 6000);
    int connections = options.integer("--connections", 4);
    int seconds = options.integer("--seconds", 20);
    Path dir = Files.createTempDirectory("plantline-bridge-bench-");
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start();
        KafkaServer kafka = KafkaServer.start()) {
      kafka.createTopics(3, Topics.TELEMETRY_RAW, Topics.TELEMETRY_DLQ, Topics.DEVICE_STATUS);
      Process bridge = startBridge(mqtt, kafka, dir);
      try {
        int port = awaitPort(bridge, dir.resolve("bridge.log"));
        AtomicLong inKafka = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> consume(kafka, inKafka, running), "bench-consumer");
        consumer.start();
        AtomicLong published = new AtomicLong();
        List<MqttClient> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
          clients.add(connect(vertx, mqtt, c));
        }
        String[] templates = new String[devices];
        for (int d = 0; d < devices; d++) {
          String id = String.format("bench-%04d", d);
          templates[d] =
              new String(
                      TestPayloads.batchJson(id, 1, 999_999_999L, readings), StandardCharsets.UTF_8)
                  .replace("999999999", "%d");
        }
        long[] seqs = new long[devices];
        int perTick = Math.max(1, rate / 100);
        int[] next = {0};
        long timer =
            vertx.setPeriodic(
                10,
                id -> {
                  for (int i = 0; i < perTick; i++) {
                    int d = next[0]++ % devices;
                    String device = String.format("bench-%04d", d);
                    String payload = String.format(templates[d], seqs[d]++);
                    MqttClient client = clients.get(d % connections);
                    client.publish(
                        TestPayloads.telemetryTopic(device),
                        Buffer.buffer(payload),
                        MqttQoS.AT_LEAST_ONCE,
                        false,
                        false);
                    published.incrementAndGet();
                  }
                });
        Thread.sleep(5_000); // warm-up
        long k0 = inKafka.get();
        long p0 = published.get();
        long cpu0 = ProcessCpu.ticks(bridge.pid());
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long batches = inKafka.get() - k0;
        long sent = published.get() - p0;
        double cpu = ProcessCpu.cores(cpu0, ProcessCpu.ticks(bridge.pid()), elapsed);
        PrometheusText metrics = PrometheusText.scrape(port);
        Files.writeString(dir.resolve("bridge-metrics.txt"), metrics.text());
        System.out.println("bridge metrics and log in " + dir);
        vertx.cancelTimer(timer);
        running.set(false);
        consumer.join(10_000);
        System.out.printf(
            "devices %d, %d readings per batch, offered %d batches/s over %d MQTT connections%n",
            devices, readings, rate, connections);
        System.out.printf("measured                           %.1f s after 5 s warm-up%n", elapsed);
        System.out.printf("published batches/s (MQTT, QoS 1)  %.0f%n", sent / elapsed);
        System.out.printf("batches/s into Kafka               %.0f%n", batches / elapsed);
        System.out.printf(
            "points/s into Kafka                %.0f%n", batches * readings / elapsed);
        System.out.printf(
            "Kafka ack latency p50/p99 (ms)     %s / %s%n",
            metrics.quantileMillis(
                new PrometheusText(""), "plantline_bridge_kafka_ack_latency_seconds", 0.5),
            metrics.quantileMillis(
                new PrometheusText(""), "plantline_bridge_kafka_ack_latency_seconds", 0.99));
        System.out.printf(
            "receipt-to-Kafka-ack p50/p99 (ms)  %s / %s%n",
            metrics.quantileMillis(
                new PrometheusText(""), "plantline_bridge_receipt_to_ack_latency_seconds", 0.5),
            metrics.quantileMillis(
                new PrometheusText(""), "plantline_bridge_receipt_to_ack_latency_seconds", 0.99));
        System.out.printf(
            "bridge in flight at end            %s%n",
            String.format("%.0f", metrics.value("plantline_bridge_inflight").orElse(Double.NaN)));
        System.out.printf(
            "bridge duplicates dropped          %s%n",
            String.format(
                "%.0f",
                metrics.value("plantline_bridge_duplicates_dropped_total").orElse(Double.NaN)));
        System.out.printf("bridge heap used (MiB)             %.0f (max 256)%n", metrics.heapMib());
        System.out.printf("bridge CPU (cores of 2)            %.2f%n", cpu);
      } finally {
        bridge.destroy();
        bridge.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static Process startBridge(MosquittoServer mqtt, KafkaServer kafka, Path dir)
      throws Exception {
    Path mqttSecret =
        Files.writeString(dir.resolve("mqtt-password"), mqtt.clientCredentials().password());
    Path kafkaSecret =
        Files.writeString(dir.resolve("kafka-password"), kafka.clientCredentials().password());
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            System.getenv("PLANTLINE_BENCH_JFR") != null
                ? "-XX:StartFlightRecording=filename="
                    + dir.resolve("bridge.jfr")
                    + ",settings=profile,dumponexit=true"
                : "-Dbench.jfr=false",
            "-cp",
            System.getProperty("java.class.path"),
            IngestionMain.class.getName(),
            "bridge",
            "--mqtt-url",
            "mqtt://127.0.0.1:" + mqtt.port(),
            "--mqtt-username",
            mqtt.clientCredentials().username(),
            "--mqtt-password-file",
            mqttSecret.toString(),
            "--kafka-bootstrap-servers",
            kafka.bootstrapServers(),
            "--kafka-username",
            kafka.clientCredentials().username(),
            "--kafka-password-file",
            kafkaSecret.toString(),
            "--client-id",
            "bridge-bench",
            "--http-port",
            "0")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("bridge.log").toFile())
        .start();
  }

  private static MqttClient connect(Vertx vertx, MosquittoServer mqtt, int n) throws Exception {
    MqttClient client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("bench-pub-" + n + "-" + UUID.randomUUID().toString().substring(0, 4))
                .setUsername(mqtt.clientCredentials().username())
                .setPassword(mqtt.clientCredentials().password())
                .setMaxInflightQueue(100_000));
    client
        .connect(mqtt.port(), mqtt.host())
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return client;
  }

  private static void consume(KafkaServer kafka, AtomicLong count, AtomicBoolean running) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TELEMETRY_RAW));
      while (running.get()) {
        count.addAndGet(consumer.poll(Duration.ofMillis(200)).count());
      }
    }
  }

  private static int awaitPort(Process bridge, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && bridge.isAlive()) {
      Matcher m = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        Thread.sleep(2000); // subscription and Kafka metadata
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("bridge did not start:\n" + Files.readString(log));
  }
}
