package io.plantline.stream.app;

import io.plantline.contracts.topic.Topics;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.job.TelemetryAnomalyJob;
import io.plantline.stream.kafka.KafkaIo;
import io.plantline.stream.rules.RuleFiles;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@link TelemetryAnomalyJob} against Kafka. The same {@code main} works in a local
 * MiniCluster ({@code java -cp ...}) and on a Flink cluster ({@code flink run -c ... job.jar}):
 * {@code StreamExecutionEnvironment.getExecutionEnvironment()} picks the one it runs in.
 *
 * <p>Options (all {@code --name value}): {@code bootstrap-servers} (required), {@code
 * kafka-properties} (file with client settings such as SASL), {@code kafka-username}, {@code
 * kafka-password-file}, {@code kafka-sasl-mechanism} (default PLAIN) and {@code kafka-ca-file} (a
 * SASL login without the file; with a CA file over TLS, SASL_SSL; they win over the properties
 * file), {@code rules} (rule file; default the shipped one), {@code group-id}, {@code
 * transactional-id-prefix}, {@code checkpoint-interval}, {@code out-of-orderness}, {@code idleness}
 * (durations like 30s), {@code parallelism}, {@code checkpoint-dir} (a local directory or {@code
 * file://} URI). A bad value stops start-up with one line naming the option.
 *
 * <p>With {@code --checkpoint-dir DIR} checkpoints are written to DIR ({@code
 * DIR/<job-id>/chk-<n>}), the newest {@value #RETAINED_CHECKPOINTS} kept and retained when the job
 * is cancelled or the process dies. On start the job resumes from the newest completed checkpoint
 * in DIR (see {@link RetainedCheckpoints}), printing {@code Restoring from checkpoint <path>}, or
 * prints {@code No checkpoint in <DIR>; starting fresh}; either line comes before {@link
 * #READY_LINE}. A restore must map all checkpointed state to the job's operators (no {@code
 * allowNonRestoredState}); the job takes ownership of the checkpoint it restores (claim mode) and
 * deletes it once newer ones subsume it. Task failures inside the process restart the job from its
 * latest checkpoint with exponential delay (1 s doubling to 1 min, reset after 10 min without
 * failure), without a limit on attempts.
 */
public final class TelemetryAnomalyJobMain {
  private static final List<String> OPTIONS =
      List.of(
          "bootstrap-servers",
          "kafka-properties",
          "kafka-username",
          "kafka-password-file",
          "kafka-sasl-mechanism",
          "kafka-ca-file",
          "rules",
          "group-id",
          "transactional-id-prefix",
          "checkpoint-interval",
          "out-of-orderness",
          "idleness",
          "parallelism",
          "checkpoint-dir");

  /** Printed once the job was submitted; the demo waits for it. */
  public static final String READY_LINE = "Plantline anomaly job is running";

  /** Printed before {@link #READY_LINE}, followed by the checkpoint directory it resumes from. */
  public static final String RESTORING_LINE = "Restoring from checkpoint ";

  /** How many completed checkpoints Flink keeps in {@code --checkpoint-dir}. */
  public static final int RETAINED_CHECKPOINTS = 3;

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private TelemetryAnomalyJobMain() {}

  /**
   * What start-up made of the options.
   *
   * @param job the job over Kafka
   * @param configuration the execution environment's settings (restart strategy; checkpoint storage
   *     and the checkpoint to restore with {@code --checkpoint-dir})
   * @param stateLine where the job's state comes from, printed before the ready line; null without
   *     {@code --checkpoint-dir}
   */
  record Launch(TelemetryAnomalyJob job, Configuration configuration, String stateLine) {}

  /** Entry point; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Launch launch;
    try {
      launch = prepare(args);
    } catch (IllegalArgumentException e) {
      System.err.println("stream-processing: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (launch.stateLine() != null) {
      System.out.println(launch.stateLine());
    }
    JobClient running =
        launch
            .job()
            .executeAsync(
                StreamExecutionEnvironment.getExecutionEnvironment(launch.configuration()));
    System.out.println(READY_LINE + " (job " + running.getJobID() + ")");
    System.out.flush();
    running.getJobExecutionResult().get();
  }

  /** Reads the options, the rule file and the checkpoint directory; a bad one throws. */
  static Launch prepare(String[] args) {
    Map<String, String> options = parse(args);
    RuleSet rules =
        options.containsKey("rules")
            ? RuleFiles.load(Path.of(options.get("rules")))
            : RuleFiles.builtIn();
    JobSettings d = JobSettings.defaults();
    JobSettings settings =
        new JobSettings(
            duration(options, "out-of-orderness", d.outOfOrdernessMs()),
            duration(options, "idleness", d.idlenessMs()),
            duration(options, "checkpoint-interval", d.checkpointIntervalMs()),
            options.getOrDefault("group-id", d.consumerGroup()),
            integer(options, "parallelism", d.parallelism()));
    Properties client = clientProperties(options);

    Configuration configuration = new Configuration();
    restartStrategy(configuration);
    String stateLine = null;
    if (options.containsKey("checkpoint-dir")) {
      if (settings.checkpointIntervalMs() == 0) {
        throw new IllegalArgumentException(
            "--checkpoint-dir: needs checkpoints (--checkpoint-interval above 0)");
      }
      Path dir = checkpointDirectory(options.get("checkpoint-dir"));
      Optional<Path> restore;
      try {
        restore = RetainedCheckpoints.latestCompleted(dir);
      } catch (IOException e) {
        throw new IllegalArgumentException("--checkpoint-dir: cannot read " + dir + ": " + e);
      }
      checkpointStorage(configuration, dir, restore.orElse(null));
      stateLine =
          restore
              .map(p -> RESTORING_LINE + p)
              .orElse("No checkpoint in " + dir + "; starting fresh");
    }

    String bootstrap = options.get("bootstrap-servers");
    String prefix = options.getOrDefault("transactional-id-prefix", settings.consumerGroup());
    TelemetryAnomalyJob job =
        new TelemetryAnomalyJob(
            settings,
            rules,
            KafkaIo.telemetrySource(
                bootstrap, client, Topics.TELEMETRY_RAW, settings.consumerGroup()),
            KafkaIo.source(
                bootstrap, client, Topics.ALARM_COMMANDS, settings.consumerGroup() + "-commands"),
            new TelemetryAnomalyJob.Sinks(
                KafkaIo.sink(
                    bootstrap,
                    client,
                    Topics.ALARMS,
                    DeliveryGuarantee.EXACTLY_ONCE,
                    prefix + "-alarms"),
                KafkaIo.sink(
                    bootstrap,
                    client,
                    Topics.WORK_ORDER_COMMANDS,
                    DeliveryGuarantee.EXACTLY_ONCE,
                    prefix + "-work-orders"),
                KafkaIo.sink(
                    bootstrap,
                    client,
                    Topics.TELEMETRY_DLQ,
                    DeliveryGuarantee.EXACTLY_ONCE,
                    prefix + "-dead-letters")));
    return new Launch(job, configuration, stateLine);
  }

  /**
   * Task failures inside the process: restart from the latest checkpoint after 1 s, doubling to at
   * most 1 min (±10 % jitter), back to 1 s after 10 min without a failure; never give up.
   */
  static void restartStrategy(Configuration conf) {
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
        Duration.ofSeconds(1));
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
        Duration.ofMinutes(1));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
        Duration.ofMinutes(10));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
  }

  /**
   * Checkpoints as files in {@code dir}, the newest {@link #RETAINED_CHECKPOINTS} kept and retained
   * on cancellation; with {@code restore}, the job starts from that checkpoint, claims it, and
   * refuses to start if some of its state belongs to no operator.
   */
  static void checkpointStorage(Configuration conf, Path dir, Path restore) {
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED_CHECKPOINTS);
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (restore != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.toUri().toString());
      conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
      conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
    }
  }

  /** The absolute directory of {@code --checkpoint-dir}, created if missing. */
  static Path checkpointDirectory(String text) {
    if (text.contains("://") && !text.startsWith("file:")) {
      throw new IllegalArgumentException(
          "--checkpoint-dir: a local directory or file:// URI, not '" + text + "'");
    }
    Path dir;
    try {
      dir = text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--checkpoint-dir: bad path '" + text + "': " + e.getMessage());
    }
    dir = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("--checkpoint-dir: cannot create " + dir + ": " + e);
    }
    return dir;
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option '" + args[i] + "' (known: --" + String.join(", --", OPTIONS) + ")");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("--" + name + ": missing value");
      }
      options.put(name, args[i + 1]);
    }
    if (!options.containsKey("bootstrap-servers")) {
      throw new IllegalArgumentException("--bootstrap-servers: missing (e.g. 127.0.0.1:9092)");
    }
    return options;
  }

  static long duration(Map<String, String> options, String name, long fallback) {
    String text = options.get(name);
    if (text == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--" + name + ": bad duration '" + text + "' (e.g. 500ms, 30s, 5m)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> n;
      case "s" -> n * 1000;
      case "m" -> n * 60_000;
      default -> n * 3_600_000;
    };
  }

  static int integer(Map<String, String> options, String name, int fallback) {
    String text = options.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": not a whole number '" + text + "'");
    }
  }

  static Properties clientProperties(Map<String, String> options) {
    Properties p = new Properties();
    String file = options.get("kafka-properties");
    if (file != null) {
      try (Reader r = Files.newBufferedReader(Path.of(file))) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("--kafka-properties: cannot read " + file + ": " + e);
      }
    }
    String user = options.get("kafka-username");
    if (user == null) {
      for (String dependent :
          List.of("kafka-password-file", "kafka-sasl-mechanism", "kafka-ca-file")) {
        if (options.containsKey(dependent)) {
          throw new IllegalArgumentException("--" + dependent + ": needs --kafka-username");
        }
      }
      return p;
    }
    String passwordFile = options.get("kafka-password-file");
    if (passwordFile == null) {
      throw new IllegalArgumentException("--kafka-username: needs --kafka-password-file");
    }
    String password;
    try {
      password = Files.readString(Path.of(passwordFile)).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--kafka-password-file: cannot read " + passwordFile + ": " + e);
    }
    String mechanism = options.getOrDefault("kafka-sasl-mechanism", "PLAIN");
    String module =
        switch (mechanism) {
          case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
          case "SCRAM-SHA-256", "SCRAM-SHA-512" ->
              "org.apache.kafka.common.security.scram.ScramLoginModule";
          default ->
              throw new IllegalArgumentException(
                  "--kafka-sasl-mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, was "
                      + mechanism);
        };
    String ca = options.get("kafka-ca-file");
    p.setProperty("security.protocol", ca == null ? "SASL_PLAINTEXT" : "SASL_SSL");
    p.setProperty("sasl.mechanism", mechanism);
    p.setProperty(
        "sasl.jaas.config",
        module
            + " required username=\""
            + jaasQuoted(user)
            + "\" password=\""
            + jaasQuoted(password)
            + "\";");
    if (ca != null) {
      if (!Files.isReadable(Path.of(ca))) {
        throw new IllegalArgumentException("--kafka-ca-file: cannot read " + ca);
      }
      p.setProperty("ssl.truststore.type", "PEM");
      p.setProperty("ssl.truststore.location", ca);
    }
    return p;
  }

  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
