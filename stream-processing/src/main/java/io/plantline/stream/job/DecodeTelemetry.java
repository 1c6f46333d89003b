package io.plantline.stream.job;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.stream.domain.Reading;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes {@code TelemetryBatch} payloads and flattens them into {@link Reading}s (event time =
 * each reading's {@code sourceTime}). A payload that fails to decode goes, unchanged and with the
 * violation in its headers, to the {@link #DEAD_LETTERS} side output; the job carries on.
 */
public final class DecodeTelemetry extends ProcessFunction<RawRecord, Reading> {
  /** Side output of the payloads that failed to decode. */
  public static final OutputTag<EncodedEvent> DEAD_LETTERS =
      new OutputTag<>("telemetry-dead-letters") {};

  private final String consumerGroup;
  private transient Counter rejected;

  /** {@code consumerGroup} names this job in the dead letters' headers. */
  public DecodeTelemetry(String consumerGroup) {
    this.consumerGroup = consumerGroup;
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    rejected = getRuntimeContext().getMetricGroup().counter("telemetryRejected");
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<Reading> out) {
    TelemetryBatch batch;
    try {
      batch = Codecs.TELEMETRY_BATCH.decode(raw.value() == null ? new byte[0] : raw.value());
    } catch (ContractViolationException e) {
      reject(raw, e.field(), e.reason(), ctx);
      return;
    } catch (RuntimeException e) {
      // A codec bug must not stop the job either; the payload is kept for a later replay.
      reject(raw, ContractViolationException.ROOT, "undecodable: " + e, ctx);
      return;
    }
    for (BatchReading r : batch.readings()) {
      out.collect(
          new Reading(
              batch.deviceId(),
              batch.siteId(),
              batch.areaId(),
              r.metric(),
              r.value(),
              r.quality(),
              r.sourceTime().toEpochMilli()));
    }
  }

  private void reject(RawRecord raw, String field, String reason, Context ctx) {
    if (rejected != null) {
      rejected.inc();
    }
    ctx.output(DEAD_LETTERS, deadLetter(raw, field, reason));
  }

  private EncodedEvent deadLetter(RawRecord raw, String field, String reason) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(DeadLetterHeaders.REASON, reason);
    headers.put(DeadLetterHeaders.FIELD, field);
    headers.put(DeadLetterHeaders.SOURCE_TOPIC, String.valueOf(raw.topic()));
    headers.put(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(raw.partition()));
    headers.put(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(raw.offset()));
    headers.put(DeadLetterHeaders.CONSUMER_GROUP, consumerGroup);
    return new EncodedEvent(raw.key(), raw.value() == null ? new byte[0] : raw.value(), headers);
  }
}
