package io.plantline.stream.app;

import io.plantline.contracts.topic.Topics;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.job.TelemetryAnomalyJob;
import io.plantline.stream.kafka.KafkaIo;
import io.plantline.stream.rules.RuleFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@link TelemetryAnomalyJob} against Kafka. The same {@code main} works in a local
 * MiniCluster ({@code java -cp ...}) and on a Flink cluster ({@code flink run -c ... job.jar}):
 * {@code StreamExecutionEnvironment.getExecutionEnvironment()} picks the one it runs in.
 *
 * <p>Options (all {@code --name value}): {@code bootstrap-servers} (required), {@code
 * kafka-properties} (file with client settings such as SASL), {@code rules} (rule file; default the
 * shipped one), {@code group-id}, {@code transactional-id-prefix}, {@code checkpoint-interval},
 * {@code out-of-orderness}, {@code idleness} (durations like 30s), {@code parallelism}. A bad value
 * stops start-up with one line naming the option.
 */
public final class TelemetryAnomalyJobMain {
  private static final List<String> OPTIONS =
      List.of(
          "bootstrap-servers",
          "kafka-properties",
          "rules",
          "group-id",
          "transactional-id-prefix",
          "checkpoint-interval",
          "out-of-orderness",
          "idleness",
          "parallelism");

  /** Printed once the job was submitted; the demo waits for it. */
  public static final String READY_LINE = "Plantline anomaly job is running";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private TelemetryAnomalyJobMain() {}

  /** Entry point; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    RuleSet rules;
    JobSettings settings;
    Properties client;
    try {
      options = parse(args);
      rules =
          options.containsKey("rules")
              ? RuleFiles.load(Path.of(options.get("rules")))
              : RuleFiles.builtIn();
      JobSettings d = JobSettings.defaults();
      settings =
          new JobSettings(
              duration(options, "out-of-orderness", d.outOfOrdernessMs()),
              duration(options, "idleness", d.idlenessMs()),
              duration(options, "checkpoint-interval", d.checkpointIntervalMs()),
              options.getOrDefault("group-id", d.consumerGroup()),
              integer(options, "parallelism", d.parallelism()));
      client = clientProperties(options);
    } catch (IllegalArgumentException e) {
      System.err.println("stream-processing: " + e.getMessage());
      System.exit(2);
      return;
    }
    String bootstrap = options.get("bootstrap-servers");
    String prefix = options.getOrDefault("transactional-id-prefix", settings.consumerGroup());
    TelemetryAnomalyJob job =
        new TelemetryAnomalyJob(
            settings,
            rules,
            KafkaIo.source(bootstrap, client, Topics.TELEMETRY_RAW, settings.consumerGroup()),
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
    JobClient running = job.executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
    System.out.println(READY_LINE + " (job " + running.getJobID() + ")");
    System.out.flush();
    running.getJobExecutionResult().get();
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
    return p;
  }
}
