package io.plantline.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.stream.it.SyntheticPlant.Anomaly;
import io.plantline.stream.it.SyntheticPlant.Script;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.job.TelemetryAnomalyJob;
import io.plantline.stream.kafka.KafkaIo;
import io.plantline.stream.rules.RuleFiles;
import io.plantline.testkit.flink.FlinkMiniClusters;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the job checkpoints only when this test asks, so the crash point is
 * exact. The first job writes the first anomaly's work-order command and commits it with a
 * checkpoint; then the rest of the stream arrives, the job writes the other three commands in a
 * transaction that no checkpoint covers, and it is cancelled. A second job starts from that
 * checkpoint and reads the rest of the stream again from its offsets. A read_committed consumer
 * then sees exactly one command per anomaly, and the log also holds the first job's three aborted
 * ones.
 */
@ExtendWith(EmbeddedServersExtension.class)
class ExactlyOnceRestartIT {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniClusters.extension();

  private static final Duration WAIT = Duration.ofSeconds(120);

  /** Longer than the test: the first job checkpoints only when triggered. */
  private static final long NO_PERIODIC_CHECKPOINTS_MS = Duration.ofHours(1).toMillis();

  private static final long CHECKPOINT_INTERVAL_MS = 500;

  @Test
  void shouldIssueExactlyOneWorkOrderPerAnomalyAcrossARestartFromACheckpoint(
      KafkaServer kafka, @TempDir Path checkpoints, @InjectMiniCluster MiniCluster flink)
      throws Exception {
    String prefix = "it-eo-" + UUID.randomUUID().toString().substring(0, 8);
    String telemetry = prefix + ".telemetry.raw.v1";
    String commands = prefix + ".alarms.commands.v1";
    String alarms = prefix + ".alarms.v1";
    String workOrders = prefix + ".workorder.commands.v1";
    String dlq = prefix + ".telemetry.dlq.v1";
    kafka.createTopics(2, telemetry, commands, alarms, workOrders, dlq);

    long t0 = Instant.now().minus(Duration.ofHours(2)).toEpochMilli() / 60_000 * 60_000;
    Map<String, Script> scripts = new LinkedHashMap<>();
    scripts.put("spindle-002", new Script(Anomaly.OVERHEAT, 30)); // first part
    scripts.put("spindle-003", new Script(Anomaly.VIBRATION_SPIKES, 200)); // second part
    scripts.put("spindle-004", new Script(Anomaly.OVERHEAT, 220)); // second part
    scripts.put("lathe-001", new Script(Anomaly.VIBRATION_SPIKES, 260)); // second part
    SyntheticPlant plant = new SyntheticPlant(t0, scripts);

    produce(kafka, telemetry, plant, 0, 180);
    JobClient first = start(kafka, prefix, checkpoints, null, NO_PERIODIC_CHECKPOINTS_MS);
    String checkpoint;
    try {
      // spindle-002's command is in the open transaction; the checkpoint pre-commits it and, once
      // complete, the job commits it.
      KafkaTopics.readUntil(kafka, workOrders, false, WAIT, read -> read.size() >= 1);
      checkpoint = flink.triggerCheckpoint(first.getJobID()).get();
      List<ConsumerRecord<String, byte[]>> committed =
          KafkaTopics.readUntil(kafka, workOrders, true, WAIT, read -> read.size() >= 1);
      assertThat(committed).hasSize(1);

      produce(kafka, telemetry, plant, 180, 360);
      List<ConsumerRecord<String, byte[]>> written =
          KafkaTopics.readUntil(kafka, workOrders, false, WAIT, read -> read.size() >= 4);
      assertThat(written).hasSize(4);
      // No checkpoint since: the other three are written but not committed.
      assertThat(
              KafkaTopics.readUntil(kafka, workOrders, true, Duration.ofSeconds(2), read -> false))
          .hasSize(1);
    } finally {
      first.cancel().get();
    }

    JobClient second = start(kafka, prefix, checkpoints, checkpoint, CHECKPOINT_INTERVAL_MS);
    try {
      List<ConsumerRecord<String, byte[]>> all =
          KafkaTopics.readUntil(kafka, workOrders, true, WAIT, read -> read.size() >= 4);
      // Let the second job run on over a few more checkpoints: a duplicate would show up now.
      List<ConsumerRecord<String, byte[]>> settled =
          KafkaTopics.readUntil(kafka, workOrders, true, Duration.ofSeconds(6), read -> false);

      assertThat(all).hasSize(4);
      List<OpenWorkOrder> opened =
          settled.stream()
              .map(r -> (OpenWorkOrder) Codecs.WORK_ORDER_COMMAND.decode(r.value()))
              .toList();
      assertThat(opened)
          .extracting(o -> o.assetId() + "/" + o.ruleId())
          .containsExactlyInAnyOrder(
              "spindle-002/winding-overtemperature",
              "spindle-003/bearing-vibration-spikes",
              "spindle-004/winding-overtemperature",
              "lathe-001/bearing-vibration-spikes");
      assertThat(opened).extracting(OpenWorkOrder::commandId).doesNotHaveDuplicates();
      // read_uncommitted also sees the first job's three aborted commands: 1 + 3 + 3.
      int inLog =
          KafkaTopics.readUntil(kafka, workOrders, false, Duration.ofSeconds(3), read -> false)
              .size();
      assertThat(inLog).isEqualTo(7);
      System.out.printf(
          "work-order records: %d committed, %d in the log including aborted transactions%n",
          settled.size(), inLog);
    } finally {
      second.cancel().get();
    }
  }

  private static void produce(
      KafkaServer kafka, String topic, SyntheticPlant plant, int from, int to) throws Exception {
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    plant.batches(from, to).forEach(b -> records.add(Map.entry(b.deviceId(), b.payload())));
    KafkaTopics.produce(kafka, topic, records);
  }

  private static JobClient start(
      KafkaServer kafka, String prefix, Path checkpoints, String restore, long checkpointIntervalMs)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (restore != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
    }
    Properties client = KafkaTopics.clientProperties(kafka);
    String bootstrap = kafka.bootstrapServers();
    JobSettings settings =
        new JobSettings(
            5_000, 3_000, checkpointIntervalMs, prefix + "-group", FlinkMiniClusters.PARALLELISM);
    TelemetryAnomalyJob job =
        new TelemetryAnomalyJob(
            settings,
            RuleFiles.builtIn(),
            KafkaIo.telemetrySource(
                bootstrap, client, prefix + ".telemetry.raw.v1", settings.consumerGroup()),
            KafkaIo.source(
                bootstrap, client, prefix + ".alarms.commands.v1", settings.consumerGroup() + "-c"),
            new TelemetryAnomalyJob.Sinks(
                KafkaIo.sink(
                    bootstrap,
                    client,
                    prefix + ".alarms.v1",
                    DeliveryGuarantee.EXACTLY_ONCE,
                    prefix + "-alarms"),
                KafkaIo.sink(
                    bootstrap,
                    client,
                    prefix + ".workorder.commands.v1",
                    DeliveryGuarantee.EXACTLY_ONCE,
                    prefix + "-work-orders"),
                KafkaIo.sink(
                    bootstrap,
                    client,
                    prefix + ".telemetry.dlq.v1",
                    DeliveryGuarantee.EXACTLY_ONCE,
                    prefix + "-dlq")));
    return job.executeAsync(StreamExecutionEnvironment.getExecutionEnvironment(conf));
  }
}
