package io.plantline.stream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.job.DecodedTelemetry;
import io.plantline.stream.job.EncodedEvent;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.job.RawRecord;
import io.plantline.stream.job.TelemetryAnomalyJob;
import io.plantline.stream.job.TelemetryDecoder;
import io.plantline.testkit.flink.FlinkMiniClusters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same two series through the whole job (MiniCluster at parallelism 2: decode, event time,
 * {@code device-rules}, {@code alarm-lifecycle}, flood suppression, encoding) and through the
 * backtest: the same RAISED and CLEARED alarms at the same times, for every rule kind of the test
 * rule file, including a threshold that flickers around its on- and off-delays. The job reads them
 * from a bounded in-memory source split over two subtasks, so each device's readings reach the
 * rules out of order and the watermark moves in uneven steps.
 */
class BacktestJobEqualityIT {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniClusters.extension();

  private static final Queue<String> JOB_ALARMS = new ConcurrentLinkedQueue<>();

  /** Faults of both devices, one minute apart for a little over two days. */
  private static final Map<String, SyntheticSeries> DEVICES =
      Map.of(
          "line-1-temperature",
          new SyntheticSeries(3000, 21, List.of(600), 2000, -1, -1, -1, -1, List.of()),
          "line-2-temperature",
          new SyntheticSeries(
              3000,
              22,
              List.of(900, 910),
              -1,
              1500,
              1540,
              2200,
              2230,
              // above 58 long enough to raise, a dip shorter than the 10 min off-delay, a longer
              // dip (cleared), up again: on- and off-delays decide what the job raises
              List.of(2500, 2540, 2545, 2560, 2600, 2620, 2623, 2624)));

  @Test
  void shouldRaiseAndClearTheSameAlarmsAtTheSameTimesAsTheJob() throws Exception {
    RuleSet rules = SyntheticSeries.rules();
    TreeMap<Long, List<String[]>> readings = new TreeMap<>();
    List<String> backtested = new ArrayList<>();
    for (Map.Entry<String, SyntheticSeries> device : DEVICES.entrySet()) {
      SyntheticSeries s = device.getValue();
      double[] values = s.values();
      for (int row : s.keptRows()) {
        readings
            .computeIfAbsent(SyntheticSeries.time(row), t -> new ArrayList<>())
            .add(new String[] {device.getKey(), Double.toString(values[row])});
      }
      Series series = CsvSeries.parse(s.csv(), device.getKey()).check(true);
      new Backtest(rules, device.getKey(), "value")
          .run(series)
          .alarms()
          .forEach(a -> backtested.add(line(a.deviceId(), a.ruleId(), a.state(), a.time())));
    }

    JOB_ALARMS.clear();
    runJob(rules, readings);
    List<String> fromJob = new ArrayList<>(JOB_ALARMS);

    backtested.sort(Comparator.naturalOrder());
    fromJob.sort(Comparator.naturalOrder());
    assertThat(fromJob).hasSizeGreaterThan(10).isEqualTo(backtested);
    for (String rule : rules.ruleIds()) {
      assertThat(backtested).as(rule).anyMatch(l -> l.contains(" " + rule + " RAISED"));
    }
  }

  private static String line(String device, String rule, AlarmState state, long time) {
    return Instant.ofEpochMilli(time) + " " + device + " " + rule + " " + state;
  }

  private static void runJob(RuleSet rules, TreeMap<Long, List<String[]>> byTime) throws Exception {
    List<String> devices = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    byTime.forEach(
        (time, atTime) ->
            atTime.forEach(
                r -> {
                  devices.add(r[0]);
                  times.add(time);
                  values.add(Double.parseDouble(r[1]));
                }));
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    new TelemetryAnomalyJob(
            // idleness far beyond the run: a slow subtask must not be overtaken by the other one
            new JobSettings(5_000, 600_000, 0, "backtest-equality", FlinkMiniClusters.PARALLELISM),
            rules,
            new DataGeneratorSource<>(
                new Batches(
                    devices.toArray(String[]::new),
                    times.stream().mapToLong(Long::longValue).toArray(),
                    values.stream().mapToDouble(Double::doubleValue).toArray()),
                devices.size(),
                TypeInformation.of(DecodedTelemetry.class)),
            null,
            new TelemetryAnomalyJob.Sinks(
                new AlarmSink(), new DiscardingSink(), new DiscardingSink()))
        .execute(env);
  }

  /** Reading {@code i} as a one-reading batch of its device. */
  private record Batches(String[] devices, long[] times, double[] values)
      implements GeneratorFunction<Long, DecodedTelemetry> {
    @Override
    public DecodedTelemetry map(Long index) {
      int i = index.intValue();
      Instant at = Instant.ofEpochMilli(times[i]);
      TelemetryBatch batch =
          new TelemetryBatch(
              new UUID(0xbac7L, i),
              TelemetryBatch.SCHEMA_VERSION,
              devices[i],
              Backtest.SITE,
              Backtest.SITE,
              1,
              i,
              at,
              List.of(new BatchReading("value", values[i], "°C", Quality.GOOD, at)));
      return TelemetryDecoder.decode(
          new RawRecord(devices[i], Codecs.TELEMETRY_BATCH.encode(batch), "memory", -1, i),
          "backtest-equality");
    }
  }

  /** Keeps RAISED and CLEARED alarm events as lines. */
  private static final class AlarmSink implements Sink<EncodedEvent> {
    @Override
    public SinkWriter<EncodedEvent> createWriter(WriterInitContext context) {
      return new DiscardingSink.Writer() {
        @Override
        public void write(EncodedEvent e, Context ctx) {
          AlarmEvent a = Codecs.ALARM_EVENT.decode(e.value());
          if (a.state() == AlarmState.RAISED || a.state() == AlarmState.CLEARED) {
            JOB_ALARMS.add(
                line(a.deviceId(), a.ruleId(), a.state(), a.occurredAt().toEpochMilli()));
          }
        }
      };
    }
  }

  /** Work orders and dead letters are not compared. */
  private static class DiscardingSink implements Sink<EncodedEvent> {
    @Override
    public SinkWriter<EncodedEvent> createWriter(WriterInitContext context) {
      return new Writer();
    }

    static class Writer implements SinkWriter<EncodedEvent> {
      @Override
      public void write(EncodedEvent e, Context ctx) {}

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    }
  }
}
