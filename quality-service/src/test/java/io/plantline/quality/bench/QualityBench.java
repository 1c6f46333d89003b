package io.plantline.quality.bench;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.quality.adapter.in.http.QualityApiVerticle;
import io.plantline.quality.app.CharacteristicsFile;
import io.plantline.quality.app.QualityService;
import io.plantline.quality.domain.Characteristic;
import io.plantline.quality.domain.ChartState;
import io.plantline.quality.domain.ControlChart;
import io.plantline.quality.scenario.GaugeProcess;
import io.plantline.service.cassandra.CassandraSettings;
import io.plantline.service.http.ApiTokens;
import io.plantline.service.kafka.KafkaSettings;
import io.plantline.testkit.bench.BenchArgs;
import io.plantline.testkit.cassandra.CassandraServer;
import io.plantline.testkit.kafka.KafkaServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./plantline quality bench}: subgroup updates per second of the bore gauge's X̄-R chart (n
 * = 5, WE1–WE4 and N5–N8, 25 baseline subgroups then Phase II), printed.
 *
 * <ol>
 *   <li>engine: {@link ControlChart} alone, readings in memory ({@code --engine-subgroups}, after
 *       as many for warm-up);
 *   <li>service: telemetry batches (one part each) produced to {@code telemetry.raw.v1} of an
 *       embedded Kafka before the service starts, then {@link QualityService} consumes them into an
 *       embedded Cassandra: from its first handled batch to the last subgroup written ({@code
 *       --devices} gauges, {@code --subgroups} each).
 * </ol>
 */
public final class QualityBench {
  private static final int N = 5;
  private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

  private QualityBench() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    int engineSubgroups = args.integer("--engine-subgroups", 200_000);
    int devices = args.integer("--devices", 8);
    int subgroups = args.integer("--subgroups", 400);
    System.out.printf(
        "quality bench: X̄-R n=%d, WE1-WE4 N5-N8, %d cores, Java %s%n",
        N, Runtime.getRuntime().availableProcessors(), Runtime.version());
    engine(engineSubgroups);
    engine(engineSubgroups);
    service(devices, subgroups);
    System.exit(0);
  }

  private static String yaml(int devices) {
    StringBuilder b = new StringBuilder("characteristics:\n");
    for (int d = 0; d < devices; d++) {
      b.append("  - id: bore-diameter-")
          .append(d)
          .append("\n    deviceId: bore-gauge-")
          .append(d)
          .append(
              """

                  metric: measured_dimension_mm
                  chart: XBAR_R
                  subgroup: {size: 5}
                  spec: {lsl: 24.985, usl: 25.015, target: 25.000}
                  rules: [WE1, WE2, WE3, WE4, N5, N6, N7, N8]
                  baselineSubgroups: 25
              """);
    }
    return b.toString();
  }

  private static void engine(int subgroups) {
    Characteristic c = CharacteristicsFile.parse(yaml(1)).get(0);
    ControlChart chart = new ControlChart(c, ChartState.initial());
    GaugeProcess gauge = GaugeProcess.boreGauge(500);
    double[] values = new double[subgroups * N];
    for (int i = 0; i < values.length; i++) {
      values[i] = gauge.next();
    }
    long points = 0;
    long violations = 0;
    long begin = System.nanoTime();
    for (int i = 0; i < values.length; i++) {
      for (var u : chart.accept(1, i + 1, T0.plusSeconds(20L * i), values[i])) {
        points++;
        violations += u.point().violations().size();
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    System.out.printf(
        "engine  (ControlChart, in memory): %,d subgroups in %.2f s = %,.0f subgroup updates/s"
            + " (%,d readings/s; %d rule signals)%n",
        points, seconds, points / seconds, Math.round(values.length / seconds), violations);
  }

  private static void service(int devices, int subgroups) throws Exception {
    long t = System.nanoTime();
    try (KafkaServer kafka = KafkaServer.start();
        CassandraServer cassandra = CassandraServer.start()) {
      System.out.printf(
          "servers: Kafka and Cassandra started in %.1f s%n", (System.nanoTime() - t) / 1e9);
      kafka.createTopics(
          4,
          Topics.TELEMETRY_RAW,
          Topics.QUALITY_EVENTS,
          Topics.ALARMS,
          Topics.WORK_ORDER_COMMANDS);
      long batches = produce(kafka, devices, subgroups);
      long expected = (long) devices * subgroups;
      try (QualityService service =
          new QualityService(
              new KafkaSettings(
                  kafka.bootstrapServers(),
                  Optional.of(kafka.clientCredentials().username()),
                  Optional.of(kafka.clientCredentials().password())),
              new CassandraSettings(
                  List.of(cassandra.contactPoint()),
                  cassandra.localDatacenter(),
                  Optional.of(cassandra.applicationCredentials().username()),
                  Optional.of(cassandra.applicationCredentials().password()),
                  "quality_bench",
                  1),
              CharacteristicsFile.parse(yaml(devices)),
              "http://127.0.0.1:9",
              Optional.empty(),
              new QualityApiVerticle.Listen("127.0.0.1", 0),
              ApiTokens.hs256(UUID.randomUUID() + "-" + UUID.randomUUID()),
              "quality-bench",
              AlarmSeverity.CRITICAL)) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (service.batchesHandled() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        long begin = System.nanoTime();
        while (service.pointsPlotted() < expected && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(
            "service (Kafka -> QualityService -> Cassandra, %d devices, 8 lanes): %,d subgroups"
                + " (%,d batches of one reading) in %.2f s = %,.0f subgroup updates/s, %,.0f"
                + " batches/s%s%n",
            devices,
            service.pointsPlotted(),
            service.batchesHandled(),
            seconds,
            service.pointsPlotted() / seconds,
            service.batchesHandled() / seconds,
            service.pointsPlotted() < expected ? " (DEADLINE: not all " + expected + ")" : "");
        if (batches != (long) devices * subgroups * N) {
          throw new IllegalStateException("produced " + batches);
        }
      }
    }
  }

  private static long produce(KafkaServer kafka, int devices, int subgroups) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    long count = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int d = 0; d < devices; d++) {
        GaugeProcess gauge = GaugeProcess.boreGauge(500 + d);
        String device = "bore-gauge-" + d;
        for (int i = 0; i < subgroups * N; i++) {
          Instant at = T0.plusSeconds(20L * i);
          TelemetryBatch batch =
              new TelemetryBatch(
                  UUID.randomUUID(),
                  1,
                  device,
                  "plant-a",
                  "quality",
                  1,
                  i + 1,
                  at,
                  List.of(
                      new BatchReading(
                          "measured_dimension_mm", gauge.next(), "mm", Quality.GOOD, at)));
          producer.send(
              new ProducerRecord<>(
                  Topics.TELEMETRY_RAW, device, Codecs.TELEMETRY_BATCH.encode(batch)));
          count++;
        }
      }
      producer.flush();
    }
    return count;
  }
}
