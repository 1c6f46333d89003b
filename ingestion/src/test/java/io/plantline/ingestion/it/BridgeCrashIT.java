package io.plantline.ingestion.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.ingestion.app.BridgeCommand;
import io.plantline.ingestion.app.IngestionMain;
import io.plantline.ingestion.bridge.TestPayloads;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.ProcessLauncher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge runs as its own process ({@code plantline ingest bridge}) and is killed with SIGKILL
 * while QoS 1 telemetry flows through it, then started again with the same client id: every
 * (deviceId, seq) published reaches {@code telemetry.raw.v1}. Messages the dead bridge had received
 * but not acknowledged (its PUBACK waits for Kafka) are redelivered by the broker from the
 * persistent session. Duplicates are allowed after a crash (the dedup state and the idempotent
 * producer's identity die with the process; consumers dedup by the same key); the test prints their
 * count. A test-only hold of 20 ms between receipt and Kafka send keeps messages in flight.
 */
@ExtendWith(EmbeddedServersExtension.class)
class BridgeCrashIT {
  private static final Pattern READY =
      Pattern.compile("operations on http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern FORWARDED =
      Pattern.compile("(?m)^plantline_bridge_forwarded_total\\{kind=\"telemetry\"} (\\S+)");
  private static final Pattern INFLIGHT = Pattern.compile("(?m)^plantline_bridge_inflight (\\S+)");
  private static final int DEVICES = 10;
  private static final int PER_DEVICE = 300;

  private ChildProcess bridge;

  @AfterEach
  void killLeftovers() {
    if (bridge != null && bridge.isAlive()) {
      bridge.kill();
    }
  }

  @Test
  void shouldLoseNothingWhenKilledBetweenReceiptAndKafkaAck(
      KafkaServer kafka, MosquittoServer mqtt, @TempDir Path dir) throws Exception {
    kafka.createTopics(3, Topics.TELEMETRY_RAW, Topics.TELEMETRY_DLQ, Topics.DEVICE_STATUS);
    String run = UUID.randomUUID().toString().substring(0, 6);
    String clientId = "bridge-crash-" + run;
    Path mqttSecret =
        Files.writeString(dir.resolve("mqtt-password"), mqtt.clientCredentials().password());
    Path kafkaSecret =
        Files.writeString(dir.resolve("kafka-password"), kafka.clientCredentials().password());
    List<String> args =
        List.of(
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
            clientId,
            "--group",
            "crash-" + run,
            "--http-port",
            "0",
            "--test-only-hold-before-kafka-ms",
            "20");
    List<String> devices = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      devices.add("crash-" + run + "-" + i);
    }
    Files.createDirectories(Path.of("target"));
    Vertx vertx = Vertx.vertx();
    try (MqttTestPublisher publisher = new MqttTestPublisher(vertx, mqtt)) {
      int port = start(args, dir, Path.of("target", "bridge-crash-run1.log"));
      long forwardedAtKill = -1;
      long inflightAtKill = -1;
      for (int seq = 0; seq < PER_DEVICE; seq++) {
        List<Future<Void>> acks = new ArrayList<>();
        for (String d : devices) {
          acks.add(
              publisher.publishAsync(
                  TestPayloads.telemetryTopic(d), TestPayloads.batchJson(d, 11, seq, 5)));
        }
        Future.all(acks).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (forwardedAtKill < 0 && seq % 10 == 0) {
          String metrics = scrape(port);
          long forwarded = value(metrics, FORWARDED);
          if (forwarded >= DEVICES * PER_DEVICE / 4) {
            inflightAtKill = value(metrics, INFLIGHT);
            bridge.kill(); // SIGKILL while messages are between receipt and Kafka ack
            forwardedAtKill = forwarded;
          }
        }
      }
      assertThat(forwardedAtKill)
          .as("the bridge was killed mid-stream")
          .isBetween(1L, (long) DEVICES * PER_DEVICE - 1);
      assertThat(bridge.isAlive()).isFalse();

      start(args, dir, Path.of("target", "bridge-crash-run2.log"));
      Set<String> expected = new HashSet<>();
      devices.forEach(
          d -> {
            for (int s = 0; s < PER_DEVICE; s++) expected.add(d + "#" + s);
          });
      Set<String> seen = new HashSet<>();
      List<ConsumerRecord<String, byte[]>> records;
      try (KafkaTestReader raw =
          new KafkaTestReader(
              kafka, Topics.TELEMETRY_RAW, r -> r.key() != null && devices.contains(r.key()))) {
        records =
            raw.readUntil(
                rs -> {
                  seen.clear();
                  rs.forEach(r -> seen.add(key(r)));
                  return seen.containsAll(expected);
                },
                Duration.ofSeconds(120));
      }
      bridge.stop(Duration.ofSeconds(30));
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(seen);
      long duplicates = records.size() - seen.size();
      System.out.printf(
          "bridge crash: %d batches published, %d forwarded before SIGKILL, %d in flight at kill,"
              + " %d records in Kafka, %d duplicates, %d missing%n",
          expected.size(),
          forwardedAtKill,
          inflightAtKill,
          records.size(),
          duplicates,
          missing.size());
      assertThat(missing).as("batches lost").isEmpty();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Sessions.discard(mqtt, clientId);
    }
  }

  private static String key(ConsumerRecord<String, byte[]> r) {
    TelemetryBatch b = Codecs.TELEMETRY_BATCH.decode(r.value());
    return b.deviceId() + "#" + b.seq();
  }

  private int start(List<String> args, Path dir, Path log) throws Exception {
    Files.deleteIfExists(log);
    List<String> command =
        new ArrayList<>(
            List.of(
                ForkedJvm.javaExecutable(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                IngestionMain.class.getName()));
    command.addAll(args);
    bridge = ProcessLauncher.start("bridge", command, dir, log, Map.of());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && bridge.isAlive()) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = READY.matcher(text);
      if (text.contains(BridgeCommand.READY_LINE) && m.find()) {
        int port = Integer.parseInt(m.group(1));
        awaitReady(port);
        return port;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("bridge did not start:\n" + Files.readString(log));
  }

  private static void awaitReady(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            LoopbackHttp.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("bridge not ready on port " + port);
  }

  private static String scrape(int port) {
    try {
      return LoopbackHttp.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "";
    }
  }

  private static long value(String metrics, Pattern pattern) {
    Matcher m = pattern.matcher(metrics);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }
}
