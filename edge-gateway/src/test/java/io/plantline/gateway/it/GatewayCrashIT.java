package io.plantline.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.gateway.app.GatewayMain;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.ProcessLauncher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway runs as its own process with {@code fsync: always}, is killed with SIGKILL while it
 * polls 20 devices, and is started again on the same journal: every batch it had journaled before
 * the kill reaches Kafka (duplicates are allowed after a crash: the plant side dedups them by
 * deviceId, bootEpoch and seq; gaps are not).
 */
@ExtendWith(EmbeddedServersExtension.class)
class GatewayCrashIT {
  private static final Pattern READY =
      Pattern.compile("operations on http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern APPENDED =
      Pattern.compile("(?m)^plantline_gateway_journal_appended_records (\\S+)");
  private ChildProcess gateway;

  @AfterEach
  void killLeftovers() {
    if (gateway != null && gateway.isAlive()) {
      gateway.kill();
    }
  }

  @Test
  void shouldLoseNothingJournaledWhenKilledWithSigkill(KafkaServer kafka, @TempDir Path dir)
      throws Exception {
    String topic = "telemetry.raw.v1";
    kafka.createTopics(2, topic);
    try (SimulatedPlant plant =
        new SimulatedPlant(SimulatedPlant.plant("mill", "motor-spindle", 20, 100))) {
      GatewayYaml yaml =
          new GatewayYaml(dir)
              .kafka(
                  kafka.bootstrapServers(),
                  kafka.clientCredentials().username(),
                  kafka.clientCredentials().password())
              .journal("always", "64MiB", "1MiB", "drop-oldest");
      for (int i = 1; i <= 20; i++) {
        String id = String.format("mill-%03d", i);
        yaml.device(id, plant.port(id), "motor-spindle", "{fast: 100ms, normal: 200ms, slow: 1s}");
      }
      Path config = yaml.write();

      Files.createDirectories(Path.of("target"));
      int port = startGateway(config, Path.of("target", "gateway-crash-run1.log"));
      long appendedBeforeKill = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (appendedBeforeKill < 1000 && System.nanoTime() < deadline) {
        appendedBeforeKill = Math.max(appendedBeforeKill, appended(port));
        Thread.sleep(50);
      }
      gateway.kill(); // SIGKILL
      assertThat(gateway.isAlive()).isFalse();
      assertThat(appendedBeforeKill)
          .as("batches journaled before the kill")
          .isGreaterThanOrEqualTo(1000);

      startGateway(config, Path.of("target", "gateway-crash-run2.log"));
      Map<String, TreeSet<Long>> firstBoot = new HashMap<>();
      long firstBootEpoch = consumeFirstBoot(kafka, topic, firstBoot, appendedBeforeKill);
      gateway.stop(Duration.ofSeconds(30));

      long delivered = firstBoot.values().stream().mapToLong(TreeSet::size).sum();
      assertThat(firstBootEpoch).isPositive();
      assertThat(delivered)
          .as("distinct first-boot batches in Kafka")
          .isGreaterThanOrEqualTo(appendedBeforeKill);
      firstBoot.forEach(
          (device, seqs) ->
              assertThat(seqs.last() - seqs.first() + 1)
                  .as("%s has no gap", device)
                  .isEqualTo(seqs.size()));
    }
  }

  private int startGateway(Path config, Path log) throws Exception {
    Files.deleteIfExists(log);
    gateway =
        ProcessLauncher.start(
            "gateway",
            List.of(
                ForkedJvm.javaExecutable(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                GatewayMain.class.getName(),
                "--config",
                config.toString()),
            config.getParent(),
            log,
            Map.of());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && gateway.isAlive()) {
      Matcher m = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("gateway did not start:\n" + Files.readString(log));
  }

  private static long appended(int port) {
    try {
      // HTTP/1.1 with a hard bound on the whole exchange (a JDK client once hung here).
      HttpResponse<String> metrics =
          LoopbackHttp.sendForString(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build());
      Matcher m = APPENDED.matcher(metrics.body());
      return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  /** Reads Kafka until the first boot's distinct batches reach {@code atLeast} (or 60 s pass). */
  private static long consumeFirstBoot(
      KafkaServer kafka, String topic, Map<String, TreeSet<Long>> seqs, long atLeast) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-check");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    long firstBoot = Long.MAX_VALUE;
    Map<Long, Map<String, TreeSet<Long>>> byBoot = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(record.value());
          if (!batch.deviceId().startsWith("mill-")) {
            continue;
          }
          byBoot
              .computeIfAbsent(batch.bootEpoch(), b -> new HashMap<>())
              .computeIfAbsent(batch.deviceId(), d -> new TreeSet<>())
              .add(batch.seq());
          firstBoot = Math.min(firstBoot, batch.bootEpoch());
        }
        Map<String, TreeSet<Long>> first = byBoot.getOrDefault(firstBoot, Map.of());
        if (byBoot.size() >= 2
            && first.values().stream().mapToLong(TreeSet::size).sum() >= atLeast) {
          break;
        }
      }
    }
    seqs.putAll(byBoot.getOrDefault(firstBoot, Map.of()));
    return firstBoot;
  }
}
