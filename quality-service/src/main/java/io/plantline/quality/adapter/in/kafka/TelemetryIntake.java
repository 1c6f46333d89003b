package io.plantline.quality.adapter.in.kafka;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.quality.domain.QualityMonitor;
import io.plantline.quality.domain.ReadingSource;
import io.plantline.service.kafka.ManualCommitConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes telemetry batches from {@code telemetry.raw.v1} into the {@link QualityMonitor}; readings
 * of quality BAD are ignored. Offsets are committed after the read model is written (the monitor
 * writes before it returns); a redelivered batch is recognised by (deviceId, bootEpoch, seq). A
 * record that does not decode is logged, counted and skipped.
 */
public final class TelemetryIntake implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryIntake.class);

  private final QualityMonitor monitor;
  private final ManualCommitConsumer loop;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong points = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  /**
   * An intake; call {@link #start()}.
   *
   * @param consumer a consumer with auto-commit off, owned by this object
   * @param topic the telemetry topic
   * @param monitor the charts
   * @param backoff pause after a failure before re-reading
   * @param parallelism devices handled at once (one device's batches in order)
   */
  public TelemetryIntake(
      Consumer<String, byte[]> consumer,
      String topic,
      QualityMonitor monitor,
      Duration backoff,
      int parallelism) {
    this.monitor = monitor;
    this.loop =
        ManualCommitConsumer.perKey(
            "quality-telemetry-intake", consumer, topic, this::handle, backoff, parallelism);
  }

  /** Subscribes and starts polling. */
  public TelemetryIntake start() {
    loop.start();
    return this;
  }

  /** Batches handled since start (redeliveries included). */
  public long batchCount() {
    return batches.get();
  }

  /** Points plotted since start. */
  public long pointCount() {
    return points.get();
  }

  /** Records skipped as invalid. */
  public long rejectedCount() {
    return rejected.get();
  }

  /** Whether the polling thread runs. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  /** One device's records of a poll (the key is the device id): decoded, then applied at once. */
  private void handle(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, List<QualityMonitor.Batch>> byDevice = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TelemetryBatch batch;
      try {
        batch = Codecs.TELEMETRY_BATCH.decode(record.value());
      } catch (ContractViolationException e) {
        rejected.incrementAndGet();
        LOG.warn(
            "skipping invalid telemetry at {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
        continue;
      }
      List<QualityMonitor.Reading> readings = new ArrayList<>(batch.readings().size());
      for (BatchReading r : batch.readings()) {
        readings.add(
            new QualityMonitor.Reading(
                r.metric(), r.value(), r.quality() == Quality.BAD, r.sourceTime()));
      }
      ReadingSource source =
          new ReadingSource(
              batch.deviceId(), batch.siteId(), batch.areaId(), batch.bootEpoch(), batch.seq());
      byDevice
          .computeIfAbsent(batch.deviceId(), d -> new ArrayList<>())
          .add(new QualityMonitor.Batch(source, readings));
    }
    for (List<QualityMonitor.Batch> deviceBatches : byDevice.values()) {
      points.addAndGet(monitor.applyAll(deviceBatches));
      batches.addAndGet(deviceBatches.size());
    }
  }

  /** Stops polling and closes the consumer. */
  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
