package io.plantline.deploy.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.deploy.manifest.CrdSchemas;
import io.plantline.deploy.manifest.Kustomize;
import io.plantline.deploy.manifest.RenderedOverlay;
import io.plantline.deploy.manifest.StrictModels;
import io.plantline.gateway.app.GatewayMain;
import io.plantline.gateway.journal.FsyncPolicy;
import io.plantline.gateway.journal.Journal;
import io.plantline.gateway.journal.JournalConfig;
import io.plantline.gateway.journal.JournalRecord;
import io.plantline.gateway.journal.OverflowPolicy;
import io.plantline.simulators.app.PlantFile;
import io.plantline.simulators.app.PlantRuntime;
import io.plantline.simulators.app.SimulatorOptions;
import io.plantline.testkit.http.LoopbackHttp;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.ProcessLauncher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pod's stop does to the gateway: it polls simulated devices into a journal while the broker
 * is down, gets SIGTERM (what the kubelet sends), and must exit within the
 * terminationGracePeriodSeconds of the edge manifest with every unsent batch still in the journal
 * on disk. Restarted on the same journal directory (the pod's volume) with the broker back, it
 * sends exactly those batches.
 */
@ExtendWith(EmbeddedServersExtension.class)
class GatewayShutdownIT {
  private static final Pattern READY =
      Pattern.compile("operations on http://127\\.0\\.0\\.1:(\\d+)");
  private ChildProcess gateway;

  @AfterEach
  void killLeftovers() {
    if (gateway != null && gateway.isAlive()) {
      gateway.kill();
    }
  }

  @Test
  void shouldFlushTheJournalOnSigtermWithinTheGracePeriodAndResendAfterARestart(
      MosquittoServer mqtt, @TempDir Path dir) throws Exception {
    long graceSeconds = manifestGracePeriodSeconds();
    Vertx vertx = Vertx.vertx();
    PlantRuntime plant = await(PlantRuntime.start(vertx, plantFile(), simulatorOptions()));
    try {
      Path config = gatewayConfig(dir, mqtt, plant);
      int port = startGateway(config, dir.resolve("run1.log"));
      awaitMetric(
          port, "plantline_gateway_uplink_acknowledged_total", 1); // the broker acknowledges
      mqtt.stopBroker();
      double backlog = awaitMetric(port, "plantline_gateway_journal_backlog_records", 30);
      long rss = gateway.residentBytes();

      long start = System.nanoTime();
      ProcessHandle.of(gateway.pid()).orElseThrow().destroy(); // SIGTERM, as the kubelet does
      boolean exited =
          ProcessHandle.of(gateway.pid())
              .map(p -> p.onExit().orTimeout(graceSeconds, TimeUnit.SECONDS))
              .map(f -> f.handle((p, e) -> e == null).join())
              .orElse(true);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "gateway SIGTERM: exit after %.2f s (grace period %d s), backlog before %.0f records,"
              + " RSS before %.1f MiB%n",
          seconds, graceSeconds, backlog, rss / 1048576.0);
      assertThat(exited).as("exited within terminationGracePeriodSeconds").isTrue();
      assertThat(gateway.logTail(50)).doesNotContain("closed uncleanly");

      Set<String> unsent = unsentInJournal(dir.resolve("journal"));
      assertThat(unsent.size()).as("unsent batches on disk").isGreaterThanOrEqualTo((int) backlog);

      mqtt.startBroker();
      Map<String, Boolean> received = new ConcurrentHashMap<>();
      MqttClient subscriber = subscribe(vertx, mqtt, received);
      startGateway(config, dir.resolve("run2.log"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!received.keySet().containsAll(unsent) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(received.keySet()).as("resent after the restart").containsAll(unsent);
      gateway.stop(Duration.ofSeconds(graceSeconds));
      await(subscriber.disconnect());
    } finally {
      await(plant.stop());
      await(vertx.close());
    }
  }

  /** terminationGracePeriodSeconds of the gateway in the rendered edge overlay. */
  private static long manifestGracePeriodSeconds() throws Exception {
    RenderedOverlay edge =
        RenderedOverlay.render(
            "edge",
            Kustomize.k8sDir().resolve("overlays/edge"),
            new StrictModels(CrdSchemas.load()));
    return edge.one(StatefulSet.class, "edge-gateway")
        .getSpec()
        .getTemplate()
        .getSpec()
        .getTerminationGracePeriodSeconds();
  }

  private static PlantFile plantFile() {
    String yaml =
        """
        plant: shutdown-test
        tickMillis: 100
        sites:
          - id: site-sd
            areas:
              - id: area-sd
                devices:
                  - {id: sd, model: motor-spindle, count: 3, seed: 7}
        """;
    return PlantFile.parse(yaml, "shutdown-test-plant.yaml", Path.of("."));
  }

  private static SimulatorOptions simulatorOptions() {
    return new SimulatorOptions(
        1, Optional.empty(), 0, "shutdown-test-control-token", Optional.empty());
  }

  private static Path gatewayConfig(Path dir, MosquittoServer mqtt, PlantRuntime plant)
      throws Exception {
    Path password =
        Files.writeString(dir.resolve("mqtt-password"), mqtt.clientCredentials().password());
    StringBuilder devices = new StringBuilder();
    for (String id : List.of("sd-001", "sd-002", "sd-003")) {
      devices.append(
          "  - {id: %s, area: area-sd, endpoint: \"127.0.0.1:%d\", unitId: 1, registerMap: motor-spindle, pollClasses: {fast: 100ms}}\n"
              .formatted(id, plant.endpointOf(id).orElseThrow().port()));
    }
    String yaml =
        """
        gateway: {id: gw-shutdown, site: site-sd}
        defaults: {timeout: 500ms, retries: 0, maxSilence: 0s}
        devices:
        %suplinks:
          mqtt: {url: "tcp://%s:%d", username: %s, passwordFile: "%s", keepAlive: 5s}
        journal: {directory: "%s", maxBytes: 64MiB, segmentBytes: 1MiB, fsync: interval, fsyncInterval: 200ms}
        http: {bind: 127.0.0.1, port: 0}
        """
            .formatted(
                devices,
                mqtt.host(),
                mqtt.port(),
                mqtt.clientCredentials().username(),
                password,
                dir.resolve("journal"));
    return Files.writeString(dir.resolve("gateway.yaml"), yaml);
  }

  private int startGateway(Path config, Path log) throws Exception {
    gateway =
        ProcessLauncher.start(
            "gateway",
            List.of(
                ForkedJvm.javaExecutable(),
                "-Xmx128m",
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

  /** Polls the gateway's /metrics until the metric reaches {@code atLeast}; returns its value. */
  private static double awaitMetric(int port, String metric, double atLeast) throws Exception {
    Pattern line = Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? (\\S+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    double value = 0;
    while (System.nanoTime() < deadline) {
      String body =
          LoopbackHttp.sendForString(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(5))
                      .build())
              .body();
      Matcher m = line.matcher(body);
      value = 0;
      while (m.find()) {
        value += Double.parseDouble(m.group(2));
      }
      if (value >= atLeast) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(metric + " stayed at " + value + ", expected >= " + atLeast);
  }

  /** (deviceId, seq) of every unacknowledged batch in the journal the gateway left behind. */
  private static Set<String> unsentInJournal(Path directory) {
    Set<String> unsent = new HashSet<>();
    try (Journal journal =
        Journal.open(
            new JournalConfig(
                directory,
                64L << 20,
                1L << 20,
                FsyncPolicy.NEVER,
                Duration.ofMillis(200),
                OverflowPolicy.DROP_OLDEST))) {
      long after = -1;
      List<JournalRecord> batch;
      while (!(batch = journal.readUnacknowledged(after, 1000)).isEmpty()) {
        for (JournalRecord record : batch) {
          TelemetryBatch telemetry = Codecs.TELEMETRY_BATCH.decode(record.payload());
          unsent.add(telemetry.deviceId() + "#" + telemetry.bootEpoch() + "#" + telemetry.seq());
          after = record.index();
        }
      }
    }
    return unsent;
  }

  private static MqttClient subscribe(
      Vertx vertx, MosquittoServer mqtt, Map<String, Boolean> received) throws Exception {
    MqttClient client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("shutdown-check")
                .setMaxInflightQueue(10_000)
                .setUsername(mqtt.clientCredentials().username())
                .setPassword(mqtt.clientCredentials().password()));
    client.publishHandler(
        message -> {
          if (message.topicName().endsWith("/telemetry")) {
            TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(message.payload().getBytes());
            received.put(
                batch.deviceId() + "#" + batch.bootEpoch() + "#" + batch.seq(), Boolean.TRUE);
          }
        });
    await(client.connect(mqtt.port(), mqtt.host()));
    await(client.subscribe("plantline/v1/site-sd/+/+/telemetry", MqttQoS.AT_LEAST_ONCE.value()));
    return client;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
