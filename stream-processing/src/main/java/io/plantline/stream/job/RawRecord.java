package io.plantline.stream.job;

/**
 * A record as read from Kafka (or from a test source): key, payload and where it came from, so a
 * record that fails to decode can go to the dead-letter topic unchanged with its origin.
 *
 * @param key the Kafka key (the device id), or null
 * @param value the payload
 * @param topic source topic
 * @param partition source partition, -1 if not from Kafka
 * @param offset source offset, -1 if not from Kafka
 */
public record RawRecord(String key, byte[] value, String topic, int partition, long offset) {}
