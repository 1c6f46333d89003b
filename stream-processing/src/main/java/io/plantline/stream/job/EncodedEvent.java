package io.plantline.stream.job;

import java.util.Map;

/**
 * An event ready for a Kafka topic: key, JSON payload and headers. The sinks of the job take these,
 * so a sink never needs to know the event types.
 *
 * @param key Kafka key (the device id)
 * @param value the encoded event
 * @param headers record headers (dead letters carry the reason here), possibly empty
 */
public record EncodedEvent(String key, byte[] value, Map<String, String> headers) {}
