package io.plantline.stream.job;

import io.plantline.stream.domain.Reading;
import java.util.List;

/**
 * One telemetry record as the source decoded it: its readings, or the payload rejected with its
 * reason. Decoding in the source lets the source keep a watermark per Kafka partition (see {@link
 * TelemetryAnomalyJob}).
 *
 * @param readings the batch flattened, in batch order; empty when rejected
 * @param rejected the payload as a dead letter (reason and position in its headers), or null
 * @param eventTime the newest reading's source time (epoch ms), {@link Long#MIN_VALUE} when the
 *     record has no reading
 */
public record DecodedTelemetry(List<Reading> readings, EncodedEvent rejected, long eventTime) {}
