package io.plantline.ingestion.store;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceState;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import io.plantline.testkit.kafka.KafkaServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Known telemetry for the store tests: deterministic values, some BAD quality. */
public final class TelemetryFixtures {
  private TelemetryFixtures() {}

  /** The value of reading {@code metricIndex} of batch {@code seq} of device {@code device}. */
  public static double value(int device, int metricIndex, long seq) {
    return device * 100.0 + metricIndex * 10.0 + seq * 0.5;
  }

  /**
   * One device's batch: metrics {@code metrics}, sourceTime = {@code start + seq * spacing}; every
   * 7th reading BAD.
   */
  public static TelemetryBatch batch(
      String deviceId,
      int device,
      List<String> metrics,
      long seq,
      Instant start,
      Duration spacing) {
    Instant at = start.plus(spacing.multipliedBy(seq));
    List<BatchReading> readings = new ArrayList<>();
    for (int m = 0; m < metrics.size(); m++) {
      Quality quality = (seq * metrics.size() + m) % 7 == 3 ? Quality.BAD : Quality.GOOD;
      readings.add(new BatchReading(metrics.get(m), value(device, m, seq), "1", quality, at));
    }
    return new TelemetryBatch(
        UUID.randomUUID(), 1, deviceId, "site-a", "area-" + (device % 2), 7L, seq, at, readings);
  }

  /** A BIRTH or DEATH of {@code deviceId}. */
  public static DeviceStatus status(
      String deviceId, DeviceState state, long bootEpoch, Instant at) {
    return new DeviceStatus(
        UUID.randomUUID(), 1, deviceId, "site-a", "area-0", state, bootEpoch, at, null);
  }

  /** A producer that sends raw bytes keyed by device id. */
  public static KafkaProducer<String, byte[]> producer(KafkaServer kafka) {
    var props = new java.util.HashMap<>(kafka.clientProperties());
    props.put("acks", "all");
    props.put("linger.ms", 5);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends batches and waits for every acknowledgement. */
  public static void send(KafkaProducer<String, byte[]> producer, List<TelemetryBatch> batches)
      throws Exception {
    List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
    for (TelemetryBatch b : batches) {
      sends.add(
          producer.send(
              new ProducerRecord<>(
                  Topics.TELEMETRY_RAW, b.deviceId(), Codecs.TELEMETRY_BATCH.encode(b))));
    }
    for (var send : sends) {
      send.get(30, TimeUnit.SECONDS);
    }
  }

  /** Sends raw bytes to a topic and waits for the acknowledgement. */
  public static void sendRaw(
      KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
  }
}
