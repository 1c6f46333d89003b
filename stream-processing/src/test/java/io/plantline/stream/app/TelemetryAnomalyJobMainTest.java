package io.plantline.stream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryAnomalyJobMainTest {

  @Test
  void shouldReadOptionsAndDurations() {
    Map<String, String> options =
        TelemetryAnomalyJobMain.parse(
            new String[] {"--bootstrap-servers", "127.0.0.1:9092", "--checkpoint-interval", "5s"});

    assertThat(TelemetryAnomalyJobMain.duration(options, "checkpoint-interval", 1)).isEqualTo(5000);
    assertThat(TelemetryAnomalyJobMain.duration(options, "idleness", 30_000)).isEqualTo(30_000);
  }

  @Test
  void shouldLogInWithScramOverTlsFromTheOptionsOverThePropertiesFile(@TempDir Path tmp)
      throws Exception {
    Path password = Files.writeString(tmp.resolve("password"), "s3cret\"x\n");
    Path ca = Files.writeString(tmp.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
    Path file =
        Files.writeString(tmp.resolve("client.properties"), "security.protocol=PLAINTEXT\n");

    java.util.Properties p =
        TelemetryAnomalyJobMain.clientProperties(
            Map.of(
                "kafka-properties", file.toString(),
                "kafka-username", "telemetry-anomalies",
                "kafka-password-file", password.toString(),
                "kafka-sasl-mechanism", "SCRAM-SHA-512",
                "kafka-ca-file", ca.toString()));

    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(p.getProperty("sasl.jaas.config"))
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"telemetry-anomalies\" password=\"s3cret\\\"x\";");
    assertThat(p.getProperty("ssl.truststore.type")).isEqualTo("PEM");
    assertThat(p.getProperty("ssl.truststore.location")).isEqualTo(ca.toString());
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.clientProperties(Map.of("kafka-username", "u")))
        .hasMessageStartingWith("--kafka-username: needs --kafka-password-file");
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.clientProperties(Map.of("kafka-ca-file", ca.toString())))
        .hasMessageStartingWith("--kafka-ca-file: needs --kafka-username");
    assertThatThrownBy(
            () ->
                TelemetryAnomalyJobMain.clientProperties(
                    Map.of(
                        "kafka-username", "u",
                        "kafka-password-file", password.toString(),
                        "kafka-sasl-mechanism", "GSSAPI")))
        .hasMessageStartingWith("--kafka-sasl-mechanism:");
  }

  @Test
  void shouldNameTheOptionThatIsWrong() {
    assertThatThrownBy(() -> TelemetryAnomalyJobMain.parse(new String[] {"--rules", "x.yaml"}))
        .hasMessageStartingWith("--bootstrap-servers: missing");
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.parse(new String[] {"--bootstrap", "127.0.0.1:9092"}))
        .hasMessageStartingWith("unknown option '--bootstrap'");
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.duration(Map.of("idleness", "30 s"), "idleness", 1))
        .hasMessageStartingWith("--idleness: bad duration '30 s'");
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.integer(Map.of("parallelism", "two"), "parallelism", 0))
        .hasMessageStartingWith("--parallelism: not a whole number");
  }

  @Test
  void shouldStartFreshAndKeepCheckpointsInAnEmptyCheckpointDirectory(@TempDir Path tmp) {
    Path dir = tmp.resolve("checkpoints"); // created on start

    TelemetryAnomalyJobMain.Launch launch =
        TelemetryAnomalyJobMain.prepare(
            new String[] {"--bootstrap-servers", "127.0.0.1:9092", "--checkpoint-dir", dir + ""});

    assertThat(dir).isDirectory();
    assertThat(launch.stateLine()).isEqualTo("No checkpoint in " + dir + "; starting fresh");
    Configuration conf = launch.configuration();
    assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo(dir.toUri().toString())
        .startsWith("file:/");
    assertThat(conf.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(3);
    assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(conf.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
  }

  @Test
  void shouldRestoreFromTheNewestCompletedCheckpoint(@TempDir Path dir) throws Exception {
    Path older = Files.createDirectories(dir.resolve("job-a").resolve("chk-4"));
    Files.writeString(older.resolve("_metadata"), "m");
    Path newest = Files.createDirectories(dir.resolve("job-a").resolve("chk-5"));
    Files.writeString(newest.resolve("_metadata"), "m");
    Files.setLastModifiedTime(
        older.resolve("_metadata"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Files.createDirectories(dir.resolve("job-a").resolve("chk-6")); // in progress at the crash

    TelemetryAnomalyJobMain.Launch launch =
        TelemetryAnomalyJobMain.prepare(
            new String[] {
              "--bootstrap-servers", "127.0.0.1:9092", "--checkpoint-dir", dir.toUri().toString()
            });

    assertThat(launch.stateLine()).isEqualTo("Restoring from checkpoint " + newest);
    Configuration conf = launch.configuration();
    assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(newest.toUri().toString());
    assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)).isFalse();
    assertThat(conf.get(StateRecoveryOptions.RESTORE_MODE)).isEqualTo(RecoveryClaimMode.CLAIM);
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo(dir.toUri().toString());
  }

  @Test
  void shouldRestartTaskFailuresWithExponentialDelayWithoutLimit() {
    TelemetryAnomalyJobMain.Launch launch =
        TelemetryAnomalyJobMain.prepare(new String[] {"--bootstrap-servers", "127.0.0.1:9092"});

    Configuration conf = launch.configuration();
    assertThat(launch.stateLine()).isNull();
    assertThat(conf.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEmpty();
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void shouldGiveEveryOperatorOfTheKafkaJobAUidSoThatARestoreMapsItsState() {
    TelemetryAnomalyJobMain.Launch launch =
        TelemetryAnomalyJobMain.prepare(new String[] {"--bootstrap-servers", "127.0.0.1:9092"});
    Configuration conf = new Configuration(launch.configuration());
    // Flink then refuses to build a job graph with an operator that has no uid.
    conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    launch.job().build(env);

    StreamGraph graph = env.getStreamGraph();

    assertThat(graph.getStreamNodes())
        .allSatisfy(n -> assertThat(n.getTransformationUID()).as(n.getOperatorName()).isNotNull());
    assertThat(graph.getJobGraph()).isNotNull();
  }

  @Test
  void shouldNameTheCheckpointDirectoryWhenItCannotBeUsed(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertThatThrownBy(() -> prepareWithCheckpointDir(file.toString(), "10s"))
        .hasMessageStartingWith("--checkpoint-dir: cannot create " + file);
    assertThatThrownBy(() -> prepareWithCheckpointDir("s3://bucket/checkpoints", "10s"))
        .hasMessageStartingWith("--checkpoint-dir: a local directory or file:// URI");
    assertThatThrownBy(() -> prepareWithCheckpointDir(tmp.toString(), "0s"))
        .hasMessageStartingWith("--checkpoint-dir: needs checkpoints");
  }

  private static TelemetryAnomalyJobMain.Launch prepareWithCheckpointDir(
      String dir, String interval) {
    return TelemetryAnomalyJobMain.prepare(
        new String[] {
          "--bootstrap-servers",
          "127.0.0.1:9092",
          "--checkpoint-dir",
          dir,
          "--checkpoint-interval",
          interval
        });
  }
}
