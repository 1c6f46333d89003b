package io.plantline.stream.job;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.stream.domain.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code TelemetryBatch} payloads and flattens them into {@link Reading}s (event time =
 * each reading's {@code sourceTime}). A payload that fails to decode becomes a dead letter:
 * unchanged, with the violation and its Kafka position in the headers. The telemetry source calls
 * this for every record, so the source's watermark follows each partition's event time.
 */
public final class TelemetryDecoder {
  private TelemetryDecoder() {}

  /** {@code raw} decoded; {@code consumerGroup} names the job in a dead letter's headers. */
  public static DecodedTelemetry decode(RawRecord raw, String consumerGroup) {
    TelemetryBatch batch;
    try {
      batch = Codecs.TELEMETRY_BATCH.decode(raw.value() == null ? new byte[0] : raw.value());
    } catch (ContractViolationException e) {
      return rejected(raw, e.field(), e.reason(), consumerGroup);
    } catch (RuntimeException e) {
      // A codec bug must not stop the job either; the payload is kept for a later replay.
      return rejected(raw, ContractViolationException.ROOT, "undecodable: " + e, consumerGroup);
    }
    List<Reading> readings = new ArrayList<>(batch.readings().size());
    long newest = Long.MIN_VALUE;
    for (BatchReading r : batch.readings()) {
      long time = r.sourceTime().toEpochMilli();
      newest = Math.max(newest, time);
      readings.add(
          new Reading(
              batch.deviceId(),
              batch.siteId(),
              batch.areaId(),
              r.metric(),
              r.value(),
              r.quality(),
              time));
    }
    return new DecodedTelemetry(readings, null, newest);
  }

  private static DecodedTelemetry rejected(
      RawRecord raw, String field, String reason, String consumerGroup) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(DeadLetterHeaders.REASON, reason);
    headers.put(DeadLetterHeaders.FIELD, field);
    headers.put(DeadLetterHeaders.SOURCE_TOPIC, String.valueOf(raw.topic()));
    headers.put(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(raw.partition()));
    headers.put(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(raw.offset()));
    headers.put(DeadLetterHeaders.CONSUMER_GROUP, consumerGroup);
    EncodedEvent dead =
        new EncodedEvent(raw.key(), raw.value() == null ? new byte[0] : raw.value(), headers);
    return new DecodedTelemetry(List.of(), dead, Long.MIN_VALUE);
  }
}
