package io.plantline.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.stream.app.RetainedCheckpoints;
import io.plantline.stream.app.TelemetryAnomalyJobMain;
import io.plantline.stream.it.SyntheticPlant.Anomaly;
import io.plantline.stream.it.SyntheticPlant.Script;
import io.plantline.testkit.junit.EmbeddedServersExtension;
import io.plantline.testkit.kafka.KafkaServer;
import io.plantline.testkit.process.ChildProcess;
import io.plantline.testkit.process.ForkedJvm;
import io.plantline.testkit.process.ProcessLauncher;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process crash the soak test causes: {@code TelemetryAnomalyJobMain} runs in its own JVM with
 * {@code --checkpoint-dir}, raises an overheating alarm, and is killed with SIGKILL once that alarm
 * is committed (so a checkpoint holding the open alarm is on disk). Started again with the same
 * directory it says it restores from that checkpoint, and the overheating goes on in the readings
 * that follow. Under {@code read_committed} the alarm (and its work order) exist exactly once; a
 * second device's spikes, sent only after the crash, show that the restarted job did process the
 * new readings. Without the restore the job would start from the group's committed offsets with no
 * alarm state and raise the overheating a second time (checked by disabling the restore: 2 RAISED).
 */
@ExtendWith(EmbeddedServersExtension.class)
class CheckpointRestoreIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private ChildProcess job;

  @AfterEach
  void killLeftovers() {
    if (job != null && job.isAlive()) {
      job.kill();
    }
  }

  @Test
  void shouldRaiseAnOpenAlarmOnceAcrossASigkillAndARestartFromTheCheckpointDirectory(
      KafkaServer kafka, @TempDir Path dir) throws Exception {
    // The main reads and writes the real topic names; no other test of this suite uses them.
    kafka.createTopics(
        2,
        Topics.TELEMETRY_RAW,
        Topics.ALARM_COMMANDS,
        Topics.ALARMS,
        Topics.WORK_ORDER_COMMANDS,
        Topics.TELEMETRY_DLQ);
    String run = UUID.randomUUID().toString().substring(0, 6);
    String hot = "spindle-crash-" + run + "-hot";
    String spiky = "spindle-crash-" + run + "-spiky";
    long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
    Map<String, Script> scripts = new LinkedHashMap<>();
    scripts.put(hot, new Script(Anomaly.OVERHEAT, 20)); // above 120 °C from second ~69 on
    scripts.put(spiky, new Script(Anomaly.VIBRATION_SPIKES, 200)); // after the crash only
    SyntheticPlant plant = new SyntheticPlant(t0, scripts);

    Path checkpoints = dir.resolve("checkpoints");
    Path clientProperties = dir.resolve("kafka-client.properties");
    Properties client = KafkaTopics.clientProperties(kafka);
    try (Writer w = Files.newBufferedWriter(clientProperties)) {
      client.store(w, null);
    }
    List<String> args =
        List.of(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--kafka-properties",
            clientProperties.toString(),
            "--group-id",
            "it-crash-" + run,
            "--checkpoint-interval",
            "1s",
            "--idleness",
            "2s",
            "--parallelism",
            "2",
            "--checkpoint-dir",
            checkpoints.toString());
    Files.createDirectories(Path.of("target"));
    long started = System.nanoTime();

    produce(kafka, plant, 0, 150);
    String firstLog = start(args, dir, Path.of("target", "checkpoint-restore-run1.log"));
    assertThat(firstLog)
        .contains("No checkpoint in " + checkpoints.toAbsolutePath() + "; starting fresh");
    List<ConsumerRecord<String, byte[]>> before =
        KafkaTopics.readUntil(
            kafka,
            Topics.ALARMS,
            true,
            WAIT,
            read -> raised(read, hot, "winding-overtemperature") == 1);
    assertThat(raised(before, hot, "winding-overtemperature")).isEqualTo(1);
    // Committed means the checkpoint that covers the RAISED event completed: its _metadata exists.
    assertThat(RetainedCheckpoints.latestCompleted(checkpoints)).isPresent();
    long killedAt = System.nanoTime();
    job.kill(); // SIGKILL: no cancel, no savepoint, whatever was in flight stays as it was
    assertThat(job.isAlive()).isFalse();
    Path restoreFrom = RetainedCheckpoints.latestCompleted(checkpoints).orElseThrow();

    produce(kafka, plant, 150, 280); // still overheating; the spikes come at 200..220
    String secondLog = start(args, dir, Path.of("target", "checkpoint-restore-run2.log"));
    assertThat(secondLog)
        .contains(TelemetryAnomalyJobMain.RESTORING_LINE + restoreFrom)
        .doesNotContain("No checkpoint in");
    assertThat(secondLog.indexOf(TelemetryAnomalyJobMain.RESTORING_LINE))
        .isLessThan(secondLog.indexOf(TelemetryAnomalyJobMain.READY_LINE));
    KafkaTopics.readUntil(
        kafka,
        Topics.ALARMS,
        true,
        WAIT,
        read -> raised(read, spiky, "bearing-vibration-spikes") == 1);
    long caughtUpAt = System.nanoTime();
    // A few more checkpoints: a second RAISED of the hot spindle would be committed by now.
    List<ConsumerRecord<String, byte[]>> alarms =
        KafkaTopics.readUntil(kafka, Topics.ALARMS, true, Duration.ofSeconds(5), read -> false);
    List<ConsumerRecord<String, byte[]>> orders =
        KafkaTopics.readUntil(
            kafka, Topics.WORK_ORDER_COMMANDS, true, Duration.ofSeconds(2), read -> false);
    // Claim mode: the new job owns the checkpoint it restored and deletes it once subsumed.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !Files.exists(restoreFrom.resolve(RetainedCheckpoints.METADATA)));
    job.stop(Duration.ofSeconds(20));

    assertThat(raised(alarms, spiky, "bearing-vibration-spikes")).isEqualTo(1);
    assertThat(raised(alarms, hot, "winding-overtemperature")).isEqualTo(1);
    List<String> raisedPairs =
        events(alarms).stream()
            .filter(e -> e.deviceId().equals(hot) || e.deviceId().equals(spiky))
            .filter(e -> e.state() == AlarmState.RAISED)
            .map(e -> e.deviceId() + "/" + e.ruleId())
            .toList();
    assertThat(raisedPairs).doesNotHaveDuplicates();
    assertThat(
            orders.stream()
                .map(r -> (OpenWorkOrder) Codecs.WORK_ORDER_COMMAND.decode(r.value()))
                .filter(o -> o.assetId().equals(hot) || o.assetId().equals(spiky))
                .map(o -> o.assetId() + "/" + o.ruleId()))
        .containsExactlyInAnyOrder(
            hot + "/winding-overtemperature", spiky + "/bearing-vibration-spikes");
    System.out.printf(
        "checkpoint restore: SIGKILL %.1f s after the first start; the restarted job raised the"
            + " new alarm %.1f s after the kill; restored from %s; RAISED %s%n",
        (killedAt - started) / 1e9, (caughtUpAt - killedAt) / 1e9, restoreFrom, raisedPairs);
  }

  private static void produce(KafkaServer kafka, SyntheticPlant plant, int from, int to)
      throws Exception {
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    plant.batches(from, to).forEach(b -> records.add(Map.entry(b.deviceId(), b.payload())));
    KafkaTopics.produce(kafka, Topics.TELEMETRY_RAW, records);
  }

  /** Starts the main in its own JVM and waits for the ready line; returns the log up to then. */
  private String start(List<String> args, Path dir, Path log) throws Exception {
    Files.deleteIfExists(log);
    List<String> command =
        new ArrayList<>(
            List.of(
                ForkedJvm.javaExecutable(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                TelemetryAnomalyJobMain.class.getName()));
    command.addAll(args);
    job = ProcessLauncher.start("anomaly-job", command, dir, log, Map.of());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && job.isAlive()) {
      String text = read(log);
      if (text.contains(TelemetryAnomalyJobMain.READY_LINE)) {
        return text;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the job did not get ready:\n" + job.logTail(40));
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static List<AlarmEvent> events(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> Codecs.ALARM_EVENT.decode(r.value())).toList();
  }

  private static long raised(
      List<ConsumerRecord<String, byte[]>> records, String device, String rule) {
    return events(records).stream()
        .filter(e -> e.state() == AlarmState.RAISED)
        .filter(e -> e.deviceId().equals(device) && e.ruleId().equals(rule))
        .count();
  }
}
