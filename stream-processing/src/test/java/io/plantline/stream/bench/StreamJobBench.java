package io.plantline.stream.bench;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.stream.job.DecodedTelemetry;
import io.plantline.stream.job.EncodedEvent;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.job.RawRecord;
import io.plantline.stream.job.TelemetryAnomalyJob;
import io.plantline.stream.job.TelemetryDecoder;
import io.plantline.stream.rules.RuleFiles;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput and detection latency of {@link TelemetryAnomalyJob} with the shipped rule file, in a
 * local MiniCluster at parallelism 2, fed by an in-memory generator of encoded {@code
 * TelemetryBatch}es (5 readings each, motor spindles) and writing to in-memory sinks.
 *
 * <ol>
 *   <li>Throughput: a bounded, unthrottled run; readings per second over the job's net runtime (the
 *       generator and its JSON encoding share the two cores with the job).
 *   <li>Latency: a throttled run with event time = wall clock at generation; each device overheats
 *       once; detection latency = wall clock at the alarm sink minus the event time of the reading
 *       that completed the condition. It includes the watermark's out-of-orderness bound (1 s here)
 *       by design: a reading is judged only once no earlier reading can still arrive.
 * </ol>
 *
 * <p>Options: {@code --batches N} (default 300000), {@code --devices N} (500), {@code --rate
 * batches/s} (1000), {@code --latency-seconds N} (60; 0 skips the latency run).
 */
public final class StreamJobBench {
  static final AtomicLong ALARMS = new AtomicLong();
  static final AtomicLong WORK_ORDERS = new AtomicLong();
  static final Recorder LATENCY = new Recorder(3);

  private StreamJobBench() {}

  /** Runs both phases and prints their figures. */
  public static void main(String[] args) throws Exception {
    long batches = option(args, "--batches", 300_000);
    int devices = (int) option(args, "--devices", 500);
    int rate = (int) option(args, "--rate", 1000);
    int latencySeconds = (int) option(args, "--latency-seconds", 60);
    System.out.printf(
        "StreamJobBench: parallelism 2, %d cores, shipped rule file, 5 readings per batch%n",
        Runtime.getRuntime().availableProcessors());

    JobExecutionResult result =
        run(
            new DataGeneratorSource<>(
                new Generator(devices, false),
                batches,
                TypeInformation.of(DecodedTelemetry.class)));
    double seconds = result.getNetRuntime() / 1000.0;
    long readings = batches * 5;
    System.out.printf(
        Locale.ROOT,
        "throughput: %d batches (%d readings) from %d devices in %.1f s net runtime ="
            + " %.0f readings/s (%.0f batches/s); alarms %d, work orders %d%n",
        batches,
        readings,
        devices,
        seconds,
        readings / seconds,
        batches / seconds,
        ALARMS.get(),
        WORK_ORDERS.get());

    if (latencySeconds <= 0) {
      return;
    }
    ALARMS.set(0);
    WORK_ORDERS.set(0);
    LATENCY.reset();
    int latencyDevices = 200;
    long latencyBatches = (long) rate * latencySeconds;
    run(
        new DataGeneratorSource<>(
            new Generator(latencyDevices, true),
            latencyBatches,
            RateLimiterStrategy.perSecond(rate),
            TypeInformation.of(DecodedTelemetry.class)));
    Histogram h = LATENCY.getIntervalHistogram();
    System.out.printf(
        Locale.ROOT,
        "latency: %d batches/s (%d readings/s) for %d s, %d devices each overheating once;"
            + " %d RAISED alarms, %d work orders; event time to alarm p50 %d ms, p99 %d ms,"
            + " max %d ms (watermark bound 1000 ms)%n",
        rate,
        rate * 5,
        latencySeconds,
        latencyDevices,
        h.getTotalCount(),
        WORK_ORDERS.get(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(99),
        h.getMaxValue());
  }

  private static JobExecutionResult run(DataGeneratorSource<DecodedTelemetry> telemetry)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    TelemetryAnomalyJob job =
        new TelemetryAnomalyJob(
            new JobSettings(1_000, 5_000, 0, "bench", 2),
            RuleFiles.builtIn(),
            telemetry,
            null,
            new TelemetryAnomalyJob.Sinks(new AlarmSink(), new CountingSink(), new CountingSink()));
    job.build(env);
    return env.execute("stream-job-bench");
  }

  private static long option(String[] args, String name, long fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Long.parseLong(args[i + 1]);
      }
    }
    return fallback;
  }

  /** Batch {@code i}: device {@code i % devices}, noisy normal values, one overheat per device. */
  static final class Generator implements GeneratorFunction<Long, DecodedTelemetry> {
    private final int devices;
    private final boolean overheat;
    private final long runStart = System.currentTimeMillis();

    Generator(int devices, boolean overheat) {
      this.devices = devices;
      this.overheat = overheat;
    }

    @Override
    public DecodedTelemetry map(Long index) {
      int device = (int) (index % devices);
      long seq = index / devices;
      String id = String.format("spindle-%04d", device);
      // Event time is the wall clock, as for live telemetry: the two generator subtasks produce
      // different index ranges at the same time, so index-derived times would drift apart.
      long time = System.currentTimeMillis();
      SplittableRandom noise = new SplittableRandom(index);
      double temperature = 75 + noise.nextDouble(-0.5, 0.5);
      if (overheat) {
        // Each device overheats for 40 s, starting between 5 s and 25 s into the run.
        double secondsIn = (time - runStart) / 1000.0;
        double start = 5 + device % 20;
        if (secondsIn >= start && secondsIn < start + 40) {
          temperature = 130 + noise.nextDouble(-0.5, 0.5);
        }
      }
      Instant at = Instant.ofEpochMilli(time);
      List<BatchReading> readings =
          List.of(
              new BatchReading("state", 1, "1", Quality.GOOD, at),
              new BatchReading(
                  "speed_rpm", 12000 + noise.nextDouble(-5, 5), "rpm", Quality.GOOD, at),
              new BatchReading(
                  "current_a", 12 + noise.nextDouble(-0.1, 0.1), "A", Quality.GOOD, at),
              new BatchReading("winding_temperature_c", temperature, "°C", Quality.GOOD, at),
              new BatchReading(
                  "bearing_vibration_mm_s",
                  1.2 + noise.nextDouble(-0.05, 0.05),
                  "mm/s",
                  Quality.GOOD,
                  at));
      TelemetryBatch batch =
          new TelemetryBatch(
              new UUID(0x5eedL, index),
              1,
              id,
              "site-1",
              "area-" + device / 10,
              1,
              seq,
              at,
              readings);
      // Encoded and decoded again: the job's source decodes every Kafka record.
      return TelemetryDecoder.decode(
          new RawRecord(id, Codecs.TELEMETRY_BATCH.encode(batch), "bench", -1, index), "bench");
    }
  }

  /** Decodes alarm events and records event-time-to-now latency of RAISED ones. */
  static final class AlarmSink implements Sink<EncodedEvent> {
    @Override
    public SinkWriter<EncodedEvent> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(EncodedEvent e, Context ctx) {
          ALARMS.incrementAndGet();
          AlarmEvent alarm = Codecs.ALARM_EVENT.decode(e.value());
          if (alarm.state() == AlarmState.RAISED
              && alarm.ruleId().equals("winding-overtemperature")) {
            long latency = System.currentTimeMillis() - alarm.occurredAt().toEpochMilli();
            LATENCY.recordValue(Math.max(0, latency));
          }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  /** Counts work orders (and dead letters, which there are none of). */
  static final class CountingSink implements Sink<EncodedEvent> {
    @Override
    public SinkWriter<EncodedEvent> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(EncodedEvent e, Context ctx) {
          WORK_ORDERS.incrementAndGet();
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
