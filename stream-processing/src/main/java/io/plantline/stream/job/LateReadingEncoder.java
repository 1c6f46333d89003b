package io.plantline.stream.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.stream.domain.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Turns a {@link LateReading} into a dead letter for {@code telemetry.dlq.v1}: key = device id,
 * reason {@code late}, field {@code sourceTime}, the lateness behind the watermark in ms and the
 * watermark in headers. The job keeps no raw batch per reading, so the value is the reading as the
 * job saw it, a JSON object with the field names and formats of the {@code TelemetryReading}
 * contract: {@code deviceId, siteId, areaId, metric, value, quality, sourceTime} (ISO-8601 UTC).
 */
public final class LateReadingEncoder implements MapFunction<LateReading, EncodedEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String consumerGroup;

  /** {@code consumerGroup} names this job in the dead letters' headers. */
  public LateReadingEncoder(String consumerGroup) {
    this.consumerGroup = consumerGroup;
  }

  @Override
  public EncodedEvent map(LateReading late) throws JsonProcessingException {
    Reading r = late.reading();
    ObjectNode value = JSON.createObjectNode();
    value.put("deviceId", r.deviceId());
    value.put("siteId", r.siteId());
    value.put("areaId", r.areaId());
    value.put("metric", r.metric());
    value.put("value", r.value());
    value.put("quality", r.quality().name());
    value.put("sourceTime", Instant.ofEpochMilli(r.timestamp()).toString());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(DeadLetterHeaders.REASON, DeadLetterHeaders.REASON_LATE);
    headers.put(DeadLetterHeaders.FIELD, "sourceTime");
    headers.put(DeadLetterHeaders.LATENESS_MS, Long.toString(late.latenessMs()));
    headers.put(DeadLetterHeaders.WATERMARK, Instant.ofEpochMilli(late.watermark()).toString());
    headers.put(DeadLetterHeaders.CONSUMER_GROUP, consumerGroup);
    return new EncodedEvent(
        r.deviceId(), JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8), headers);
  }
}
