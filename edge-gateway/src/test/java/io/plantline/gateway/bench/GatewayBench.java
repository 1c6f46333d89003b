package io.plantline.gateway.bench;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.gateway.app.GatewayMain;
import io.plantline.simulators.app.PlantFile;
import io.plantline.simulators.app.PlantRuntime;
import io.plantline.simulators.app.SimulatorOptions;
import io.plantline.testkit.bench.BenchArgs;
import io.plantline.testkit.bench.ProcessCpu;
import io.plantline.testkit.bench.PrometheusText;
import io.plantline.testkit.mqtt.MosquittoOptions;
import io.plantline.testkit.mqtt.MosquittoServer;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./plantline bench gateway}: 200 simulated devices ({@code --model}: energy-meter, 11
 * points in one 19-register read; motor-spindle, 11 numeric points in four reads over four tables),
 * polled every 100 ms by ONE gateway process ({@code -Xmx256m}, journal on, fsync interval) that
 * publishes to a real Mosquitto, every point reported on every poll (maxSilence 0s,
 * report-by-exception off, so points delivered = points read); a subscriber counts the points that
 * arrive. Prints points/s delivered, poll-to-delivery latency (subscriber receive time minus the
 * poll's source time) p50/p99, the gateway's journal-to-PUBACK latency, heap after the run and CPU
 * of the gateway and of this process (simulators and subscriber).
 */
public final class GatewayBench {
  private static final Pattern PORT =
      Pattern.compile("operations on http://127\\.0\\.0\\.1:(\\d+)");

  private GatewayBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int devices = options.integer("--devices", 200);
    int seconds = options.integer("--seconds", 20);
    int pollMillis = options.integer("--poll-ms", 100);
    int warmupSeconds = options.integer("--warmup", 20);
    String model = options.text("--model", "energy-meter");
    Path dir = Files.createTempDirectory("plantline-gateway-bench-");
    Vertx vertx = Vertx.vertx();
    // The subscriber gets its own event loop: sharing the simulators' would delay receipt times.
    Vertx subscriberVertx = Vertx.vertx();
    try (MosquittoServer mqtt = MosquittoServer.start(MosquittoOptions.defaults())) {
      PlantFile plantFile =
          PlantFile.parse(
              """
          plant: bench
          tickMillis: 100
          sites:
            - id: site-gw
              areas:
                - id: area-gw
                  devices:
                    - {id: dev, model: %s, count: %d, seed: 7}
          """
                  .formatted(model, devices),
              "bench.yaml",
              dir);
      PlantRuntime plant =
          PlantRuntime.start(
                  vertx,
                  plantFile,
                  new SimulatorOptions(
                      1, Optional.empty(), 0, "bench-control-token-0123456789", Optional.empty()))
              .toCompletionStage()
              .toCompletableFuture()
              .get(120, TimeUnit.SECONDS);
      Path config = writeConfig(dir, mqtt, plant, model, devices, pollMillis);

      AtomicLong points = new AtomicLong();
      AtomicLong batches = new AtomicLong();
      long[] latencies = new long[1 << 20];
      AtomicLong latencyCount = new AtomicLong();
      AtomicLong repeats = new AtomicLong();
      java.util.Map<String, java.util.Set<Long>> seen = new java.util.HashMap<>();
      MqttClient subscriber =
          MqttClient.create(
              subscriberVertx,
              new MqttClientOptions()
                  .setUsername(mqtt.clientCredentials().username())
                  .setPassword(mqtt.clientCredentials().password())
                  .setMaxMessageSize(1 << 20));
      subscriber.publishHandler(
          m -> {
            TelemetryBatch batch = Codecs.TELEMETRY_BATCH.decode(m.payload().getBytes());
            if (!seen.computeIfAbsent(batch.deviceId(), d -> new java.util.HashSet<>())
                .add(batch.seq())) {
              repeats.incrementAndGet(); // counted apart: a repeat is no new point
              return;
            }
            points.addAndGet(batch.readings().size());
            batches.incrementAndGet();
            long i = latencyCount.getAndIncrement();
            if (i < latencies.length) {
              latencies[(int) i] =
                  System.currentTimeMillis() - batch.readings().get(0).sourceTime().toEpochMilli();
            }
          });
      subscriber
          .connect(mqtt.port(), mqtt.host())
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      subscriber
          .subscribe("plantline/v1/site-gw/+/+/telemetry", 0)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);

      Path log = dir.resolve("gateway.log");
      Process gateway =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  GatewayMain.class.getName(),
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        int port = awaitPort(gateway, log);
        Thread.sleep(warmupSeconds * 1000L); // warm-up: JIT, and any start-up backlog drains
        long p0 = points.get();
        long b0 = batches.get();
        PrometheusText metricsAtStart = PrometheusText.scrape(port);
        long cpu0 = ProcessCpu.ticks(gateway.pid());
        long selfCpu0 = ProcessCpu.ticks(ProcessHandle.current().pid());
        long mqttCpu0 = ProcessCpu.ticks(mqtt.pid());
        latencyCount.set(0);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long dp = points.get() - p0;
        long db = batches.get() - b0;
        double cpuCores = ProcessCpu.cores(cpu0, ProcessCpu.ticks(gateway.pid()), elapsed);
        double selfCores =
            ProcessCpu.cores(selfCpu0, ProcessCpu.ticks(ProcessHandle.current().pid()), elapsed);
        double mqttCores = ProcessCpu.cores(mqttCpu0, ProcessCpu.ticks(mqtt.pid()), elapsed);
        int n = (int) Math.min(latencyCount.get(), latencies.length);
        long[] sample = Arrays.copyOf(latencies, n);
        Arrays.sort(sample);
        PrometheusText metrics = PrometheusText.scrape(port);
        System.out.printf(
            "devices                         %d %s (poll every %d ms, every point reported)%n",
            devices, model, pollMillis);
        System.out.printf(
            "measured                        %.1f s after %d s warm-up%n", elapsed, warmupSeconds);
        System.out.printf(
            "batches/s offered               %d (one batch per device per poll)%n",
            devices * 1000 / pollMillis);
        System.out.printf("points/s delivered (MQTT)       %.0f%n", dp / elapsed);
        System.out.printf("batches/s                       %.0f%n", db / elapsed);
        System.out.printf("repeated batches (not counted)  %d%n", repeats.get());
        System.out.printf(
            "batches/s PUBACKed (gateway)    %s%n",
            metrics.rate(metricsAtStart, "plantline_gateway_uplink_acknowledged_total", elapsed));
        System.out.printf(
            "polls/s (gateway)               %s%n",
            metrics.rate(metricsAtStart, "plantline_gateway_poll_latency_seconds_count", elapsed));
        System.out.printf(
            "poll-to-subscriber p50/p99 (ms) %d / %d   (includes the test subscriber's own lag)%n",
            sample[n / 2], sample[(int) (n * 0.99)]);
        System.out.printf(
            "journal-to-PUBACK p50/p99 (ms)  %s / %s%n",
            metrics.quantileMillis(
                metricsAtStart, "plantline_gateway_uplink_ack_latency_seconds", 0.5),
            metrics.quantileMillis(
                metricsAtStart, "plantline_gateway_uplink_ack_latency_seconds", 0.99));
        System.out.printf(
            "poll-to-PUBACK p50/p99 (ms)     %s / %s   (gateway: poll start to broker ack)%n",
            metrics.quantileMillis(metricsAtStart, "plantline_gateway_poll_to_ack_seconds", 0.5),
            metrics.quantileMillis(metricsAtStart, "plantline_gateway_poll_to_ack_seconds", 0.99));
        System.out.printf(
            "poll (all blocks) p50/p99 (ms)  %s / %s%n",
            metrics.quantileMillis(metricsAtStart, "plantline_gateway_poll_latency_seconds", 0.5),
            metrics.quantileMillis(metricsAtStart, "plantline_gateway_poll_latency_seconds", 0.99));
        System.out.printf(
            "gateway heap used (MiB)         %s (max 256)%n",
            String.format("%.0f", metrics.heapMib()));
        System.out.printf("gateway CPU (cores of 2)        %.2f%n", cpuCores);
        System.out.printf("simulators + subscriber CPU     %.2f (this process)%n", selfCores);
        System.out.printf("mosquitto CPU                   %.2f%n", mqttCores);
        System.out.printf(
            "journal backlog at end          %s records%n",
            String.format(
                "%.0f",
                metrics.value("plantline_gateway_journal_backlog_records").orElse(Double.NaN)));
        System.out.printf(
            "deadline misses                 %s%n",
            String.format("%.0f", metrics.sum("plantline_gateway_poll_deadline_misses_total")));
      } finally {
        gateway.destroy();
        gateway.waitFor(30, TimeUnit.SECONDS);
        plant.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      subscriberVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Path writeConfig(
      Path dir, MosquittoServer mqtt, PlantRuntime plant, String model, int devices, int pollMillis)
      throws Exception {
    Path secret =
        Files.writeString(dir.resolve("mqtt-password"), mqtt.clientCredentials().password());
    StringBuilder yaml =
        new StringBuilder("gateway: {id: gw-bench, site: site-gw}\n")
            .append(
                "defaults: {timeout: 1s, retries: 1, maxGap: 8, quarantineAfter: 5, quarantineProbe: 10s, maxSilence: 0s, deadband: 0}\n")
            .append("devices:\n");
    for (int i = 1; i <= devices; i++) {
      String id = String.format("dev-%03d", i);
      yaml.append(
          String.format(
              "  - {id: %s, area: area-gw, endpoint: \"127.0.0.1:%d\", unitId: 1, registerMap: %s, pollClasses: {fast: %dms, normal: %dms, slow: %dms}}%n",
              id,
              plant.endpointOf(id).orElseThrow().port(),
              model,
              pollMillis,
              pollMillis,
              pollMillis));
    }
    yaml.append(
        String.format(
            "uplinks:%n  mqtt: {url: \"tcp://127.0.0.1:%d\", username: %s, passwordFile: \"%s\", keepAlive: 30s, maxInflight: 2000}%n",
            mqtt.port(), mqtt.clientCredentials().username(), secret));
    yaml.append(
        String.format(
            "journal: {directory: \"%s\", maxBytes: 512MiB, segmentBytes: 8MiB, fsync: interval, fsyncInterval: 200ms, overflow: drop-oldest}%n",
            dir.resolve("journal")));
    yaml.append("replay: {maxRecordsPerSecond: 20000}\nhttp: {bind: 127.0.0.1, port: 0}\n");
    return Files.writeString(dir.resolve("gateway.yaml"), yaml.toString());
  }

  private static int awaitPort(Process gateway, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && gateway.isAlive()) {
      Matcher m = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("gateway did not start:\n" + Files.readString(log));
  }
}
