package io.plantline.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.stream.it.SyntheticPlant.Anomaly;
import io.plantline.stream.it.SyntheticPlant.Script;
import io.plantline.stream.job.DeadLetterHeaders;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.job.TelemetryAnomalyJob;
import io.plantline.stream.kafka.KafkaIo;
import io.plantline.stream.rules.RuleFiles;
import io.plantline.testkit.flink.FlinkMiniClusters;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One source subtask reads two partitions, and one of them is far ahead in event time: what a
 * catch-up after a job restart looks like (the soak found it: a {@code spindle-telemetry-missing}
 * alarm for a device that never went quiet), or a bridge that forwards one partition late. The
 * watermark is kept per partition, so the partition behind keeps its readings on time: none of its
 * readings is late and its device's missing-data deadline does not fire, while the partition ahead
 * still gets its anomaly alarm once the slower partition has caught up to it.
 */
@ExtendWith(EmbeddedServersExtension.class)
class LaggingPartitionIT {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniClusters.extension();

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String AHEAD = "spindle-ahead";
  private static final String BEHIND = "spindle-behind";

  @Test
  void shouldNotLetAPartitionReadAheadMakeAnotherPartitionsReadingsLateOrMissing(KafkaServer kafka)
      throws Exception {
    String prefix = "it-lag-" + UUID.randomUUID().toString().substring(0, 8);
    String telemetry = prefix + ".telemetry.raw.v1";
    String alarms = prefix + ".alarms.v1";
    String dlq = prefix + ".telemetry.dlq.v1";
    kafka.createTopics(2, telemetry, alarms, dlq);
    kafka.createTopics(1, prefix + ".workorder.commands.v1");

    long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
    Map<String, Script> scripts = new LinkedHashMap<>();
    scripts.put(AHEAD, new Script(Anomaly.OVERHEAT, 10)); // over 120 °C from ~59 s, raised ~89 s
    scripts.put(BEHIND, new Script(Anomaly.NONE, 0));
    SyntheticPlant plant = new SyntheticPlant(t0, scripts);
    KafkaTopics.produce(kafka, telemetry, 0, Duration.ZERO, of(plant.batches(0, 10), AHEAD));
    KafkaTopics.produce(kafka, telemetry, 1, Duration.ZERO, of(plant.batches(0, 10), BEHIND));

    // Parallelism 1: one source subtask reads both partitions. Idleness far beyond the pauses
    // of the partition behind (100 ms), so it never stops holding the watermark back.
    JobSettings settings = new JobSettings(5_000, 60_000, 1_000, prefix + "-group", 1);
    JobClient running = start(kafka, prefix, settings);
    try {
      // Partition 0 jumps 290 s of event time ahead at once; partition 1 follows at ten seconds
      // of event time per second of wall time, up to 150 s.
      KafkaTopics.produce(kafka, telemetry, 0, Duration.ZERO, of(plant.batches(10, 300), AHEAD));
      KafkaTopics.produce(
          kafka, telemetry, 1, Duration.ofMillis(100), of(plant.batches(10, 150), BEHIND));

      List<ConsumerRecord<String, byte[]>> raised =
          KafkaTopics.readUntil(
              kafka,
              alarms,
              true,
              WAIT,
              read ->
                  TelemetryAnomalyJobIT.raisedRules(read)
                      .contains(AHEAD + "/winding-overtemperature"));
      assertThat(TelemetryAnomalyJobIT.raisedRules(raised))
          .as("the partition ahead still raises its alarm")
          .contains(AHEAD + "/winding-overtemperature")
          .as("no alarm for the device whose partition was behind")
          .noneMatch(rule -> rule.startsWith(BEHIND + "/"));
      // Everything the job wrote up to now: a late reading would be here, with the alarms.
      List<ConsumerRecord<String, byte[]>> dead =
          KafkaTopics.readUntil(kafka, dlq, true, Duration.ofSeconds(5), read -> false);
      assertThat(
              dead.stream()
                  .filter(TelemetryAnomalyJobIT::isLate)
                  .map(
                      r ->
                          r.key()
                              + " late by "
                              + TelemetryAnomalyJobIT.header(r, DeadLetterHeaders.LATENESS_MS)
                              + " ms")
                  .toList())
          .as("late readings")
          .isEmpty();
    } finally {
      running.cancel().get();
    }
  }

  private static List<Map.Entry<String, byte[]>> of(
      List<SyntheticPlant.Batch> batches, String device) {
    return batches.stream()
        .filter(b -> b.deviceId().equals(device))
        .map(b -> Map.entry(b.deviceId(), b.payload()))
        .toList();
  }

  private static JobClient start(KafkaServer kafka, String prefix, JobSettings settings)
      throws Exception {
    Properties client = KafkaTopics.clientProperties(kafka);
    String bootstrap = kafka.bootstrapServers();
    TelemetryAnomalyJob job =
        new TelemetryAnomalyJob(
            settings,
            RuleFiles.builtIn(),
            KafkaIo.telemetrySource(
                bootstrap, client, prefix + ".telemetry.raw.v1", settings.consumerGroup()),
            null,
            new TelemetryAnomalyJob.Sinks(
                sink(kafka, client, prefix, ".alarms.v1", "-alarms"),
                sink(kafka, client, prefix, ".workorder.commands.v1", "-work-orders"),
                sink(kafka, client, prefix, ".telemetry.dlq.v1", "-dlq")));
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    return job.executeAsync(StreamExecutionEnvironment.getExecutionEnvironment(conf));
  }

  private static org.apache.flink.api.connector.sink2.Sink<io.plantline.stream.job.EncodedEvent>
      sink(KafkaServer kafka, Properties client, String prefix, String topic, String txn) {
    return KafkaIo.sink(
        kafka.bootstrapServers(),
        client,
        prefix + topic,
        DeliveryGuarantee.EXACTLY_ONCE,
        prefix + txn);
  }
}
