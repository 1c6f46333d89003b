package io.plantline.stream.job;

import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.OperatorCommand;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSignal;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The telemetry anomaly job: {@code telemetry.raw.v1}, decoded in the source with a watermark per
 * partition → flatten (bad payloads to the dead-letter sink) → rules per device (readings behind
 * the watermark to the dead-letter sink) → alarm lifecycle (with operator commands) → flood
 * suppression per area → {@code alarms.v1}, and {@code workorder.commands.v1} for alarms at or
 * above the configured severity.
 *
 * <p>Sources and sinks are passed in, so tests and benchmarks swap Kafka for in-memory ones; every
 * operator has a name and a stable uid, so savepoints survive changes to the pipeline's shape.
 */
public final class TelemetryAnomalyJob {
  /** Name of the job in the Flink UI. */
  public static final String NAME = "plantline-telemetry-anomalies";

  private final JobSettings settings;
  private final RuleSet rules;
  private final Source<DecodedTelemetry, ?, ?> telemetry;
  private final Source<RawRecord, ?, ?> alarmCommands;
  private final Sinks sinks;

  /**
   * Where the job writes.
   *
   * @param alarms {@code AlarmEvent}s, key deviceId
   * @param workOrders {@code OpenWorkOrder} commands, key deviceId
   * @param deadLetters telemetry payloads that failed to decode and readings that arrived behind
   *     the watermark, reason in headers
   */
  public record Sinks(
      Sink<EncodedEvent> alarms, Sink<EncodedEvent> workOrders, Sink<EncodedEvent> deadLetters) {}

  /**
   * A job over these sources and sinks; {@code alarmCommands} may be null for a job without
   * operator commands (benchmarks).
   */
  public TelemetryAnomalyJob(
      JobSettings settings,
      RuleSet rules,
      Source<DecodedTelemetry, ?, ?> telemetry,
      Source<RawRecord, ?, ?> alarmCommands,
      Sinks sinks) {
    this.settings = settings;
    this.rules = rules;
    this.telemetry = telemetry;
    this.alarmCommands = alarmCommands;
    this.sinks = sinks;
  }

  /** Builds the pipeline into {@code env} (checkpointing and parallelism included). */
  public void build(StreamExecutionEnvironment env) {
    if (settings.parallelism() > 0) {
      env.setParallelism(settings.parallelism());
    }
    if (settings.checkpointIntervalMs() > 0) {
      env.enableCheckpointing(settings.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
    }
    Duration outOfOrderness = Duration.ofMillis(settings.outOfOrdernessMs());
    Duration idleness = Duration.ofMillis(settings.idlenessMs());

    // The watermark is kept per Kafka partition, in the source, and the source's watermark is the
    // smallest of its partitions' (idle ones aside): on a catch-up after a restart, a partition
    // read ahead cannot make another partition's readings late nor fire its devices' deadlines.
    SingleOutputStreamOperator<Reading> readings =
        env.fromSource(
                telemetry,
                WatermarkStrategy.<DecodedTelemetry>forBoundedOutOfOrderness(outOfOrderness)
                    .withTimestampAssigner((d, recordTime) -> d.eventTime())
                    .withIdleness(idleness),
                "telemetry-source")
            .uid("telemetry-source")
            .process(new FlattenTelemetry())
            .returns(TypeInformation.of(Reading.class))
            .name("flatten-telemetry")
            .uid("flatten-telemetry");

    SingleOutputStreamOperator<RuleSignal> signals =
        readings
            .keyBy(Reading::deviceId)
            .process(new DeviceRuleEvaluator(rules))
            .returns(TypeInformation.of(RuleSignal.class))
            .name("device-rules")
            .uid("device-rules");

    // Payloads that failed to decode and readings that came behind the watermark: one DLQ.
    DataStream<EncodedEvent> lateReadings =
        signals
            .getSideOutput(DeviceRuleEvaluator.LATE_READINGS)
            .map(new LateReadingEncoder(settings.consumerGroup()))
            .returns(TypeInformation.of(EncodedEvent.class))
            .name("encode-late-readings")
            .uid("encode-late-readings");
    readings
        .getSideOutput(FlattenTelemetry.DEAD_LETTERS)
        .union(lateReadings)
        .sinkTo(sinks.deadLetters())
        .name("telemetry-dead-letters-sink")
        .uid("telemetry-dead-letters-sink");

    SingleOutputStreamOperator<RawRecord> rawCommands =
        alarmCommands == null
            // An empty collection source is not allowed: one placeholder, filtered out.
            ? env.fromData(
                    TypeInformation.of(RawRecord.class),
                    new RawRecord(null, new byte[0], "", -1, -1))
                .filter(r -> false)
            : env.fromSource(
                alarmCommands, WatermarkStrategy.noWatermarks(), "alarm-command-source");
    DataStream<OperatorCommand> commands =
        rawCommands
            .uid("alarm-command-source")
            .flatMap(new CommandDecoder())
            .returns(TypeInformation.of(OperatorCommand.class))
            .name("decode-alarm-commands")
            .uid("decode-alarm-commands")
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<OperatorCommand>forBoundedOutOfOrderness(outOfOrderness)
                    .withTimestampAssigner((c, previous) -> c.issuedAt())
                    .withIdleness(idleness))
            .name("alarm-command-time")
            .uid("alarm-command-time");

    DataStream<AlarmRecord> alarms =
        signals
            .keyBy(RuleSignal::deviceId)
            .connect(commands.keyBy(OperatorCommand::deviceId))
            .process(new AlarmLifecycle(rules.settings().workOrderMinSeverity()))
            .returns(TypeInformation.of(AlarmRecord.class))
            .name("alarm-lifecycle")
            .uid("alarm-lifecycle")
            .keyBy(a -> a.siteId() + "/" + a.areaId())
            .process(
                new FloodSuppression(
                    rules.settings().floodMaxAlarms(), rules.settings().floodWindowMs()))
            .returns(TypeInformation.of(AlarmRecord.class))
            .name("alarm-flood-suppression")
            .uid("alarm-flood-suppression");

    alarms
        .map(new AlarmEncoder())
        .returns(TypeInformation.of(EncodedEvent.class))
        .name("encode-alarm-events")
        .uid("encode-alarm-events")
        .sinkTo(sinks.alarms())
        .name("alarms-sink")
        .uid("alarms-sink");
    alarms
        .flatMap(new WorkOrderIssuer())
        .returns(TypeInformation.of(EncodedEvent.class))
        .name("open-work-orders")
        .uid("open-work-orders")
        .sinkTo(sinks.workOrders())
        .name("work-order-commands-sink")
        .uid("work-order-commands-sink");
  }

  /** Builds and runs the job until it ends (bounded sources) or fails. */
  public void execute(StreamExecutionEnvironment env) throws Exception {
    build(env);
    env.execute(NAME);
  }

  /** Builds and submits the job; returns at once. */
  public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.executeAsync(NAME);
  }
}
