package io.plantline.stream.job;

import io.plantline.stream.domain.Reading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Emits the readings of each {@link DecodedTelemetry} and sends rejected payloads to the {@link
 * #DEAD_LETTERS} side output (counted as {@code telemetryRejected}); the job carries on.
 */
public final class FlattenTelemetry extends ProcessFunction<DecodedTelemetry, Reading> {
  /** Side output of the payloads that failed to decode. */
  public static final OutputTag<EncodedEvent> DEAD_LETTERS =
      new OutputTag<>("telemetry-dead-letters") {};

  private transient Counter rejected;

  @Override
  public void open(OpenContext context) {
    rejected = getRuntimeContext().getMetricGroup().counter("telemetryRejected");
  }

  @Override
  public void processElement(DecodedTelemetry decoded, Context ctx, Collector<Reading> out) {
    if (decoded.rejected() != null) {
      if (rejected != null) {
        rejected.inc();
      }
      ctx.output(DEAD_LETTERS, decoded.rejected());
      return;
    }
    for (Reading r : decoded.readings()) {
      out.collect(r);
    }
  }
}
