package io.plantline.stream.job;

import io.plantline.contracts.alarm.AlarmCommand;
import io.plantline.contracts.codec.Codecs;
import io.plantline.stream.domain.OperatorCommand;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code AlarmCommand}s from {@code alarms.commands.v1}. A command that fails to decode is
 * logged with its reason and position and counted ({@code alarmCommandsRejected}); it stays in the
 * topic for whoever sent it.
 */
public final class CommandDecoder extends RichFlatMapFunction<RawRecord, OperatorCommand> {
  private static final Logger LOG = LoggerFactory.getLogger(CommandDecoder.class);
  private transient Counter rejected;

  @Override
  public void open(OpenContext context) {
    rejected = getRuntimeContext().getMetricGroup().counter("alarmCommandsRejected");
  }

  @Override
  public void flatMap(RawRecord raw, Collector<OperatorCommand> out) {
    AlarmCommand c;
    try {
      c = Codecs.ALARM_COMMAND.decode(raw.value() == null ? new byte[0] : raw.value());
    } catch (RuntimeException e) {
      rejected.inc();
      LOG.warn(
          "Rejected alarm command at {}-{}@{}: {}",
          raw.topic(),
          raw.partition(),
          raw.offset(),
          e.getMessage());
      return;
    }
    out.collect(
        new OperatorCommand(
            c.commandId().toString(),
            c.action(),
            c.alarmId(),
            c.deviceId(),
            c.ruleId(),
            c.operatorId(),
            c.shelvedUntil() == null ? -1 : c.shelvedUntil().toEpochMilli(),
            c.issuedAt().toEpochMilli()));
  }
}
