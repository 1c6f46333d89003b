package io.plantline.ingestion.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one store writer, tagged {@code store=<name>}: points written, write latency, flush
 * sizes, consumer lag, retries and dead letters.
 */
public final class StoreMetrics {
  private final Counter pointsWritten;
  private final Counter recordsWritten;
  private final Timer writeLatency;
  private final DistributionSummary batchPoints;
  private final Counter retries;
  private final Counter deadLetters;
  private final List<AtomicLong> lags = new CopyOnWriteArrayList<>();

  /** Registers the meters of the store {@code store} in {@code registry}. */
  public StoreMetrics(MeterRegistry registry, String store) {
    pointsWritten =
        Counter.builder("plantline.store.points.written")
            .description("Telemetry points acknowledged by the store")
            .tag("store", store)
            .register(registry);
    recordsWritten =
        Counter.builder("plantline.store.records.written")
            .description("Kafka records (batches and statuses) written and committed")
            .tag("store", store)
            .register(registry);
    writeLatency =
        Timer.builder("plantline.store.write.latency")
            .description("Time to write one flush into the store, retries excluded")
            .tag("store", store)
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    batchPoints =
        DistributionSummary.builder("plantline.store.batch.points")
            .description("Points per flush")
            .tag("store", store)
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    retries =
        Counter.builder("plantline.store.write.retries")
            .description("Failed flush attempts that were retried")
            .tag("store", store)
            .register(registry);
    deadLetters =
        Counter.builder("plantline.store.dead.letters")
            .description("Records that could not be decoded and went to telemetry.dlq.v1")
            .tag("store", store)
            .register(registry);
    Gauge.builder("plantline.store.consumer.lag", this, StoreMetrics::lag)
        .description("Records between the consumer's position and the end of its partitions")
        .baseUnit("records")
        .tag("store", store)
        .register(registry);
  }

  void written(int points, int records, long nanos) {
    pointsWritten.increment(points);
    recordsWritten.increment(records);
    writeLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    batchPoints.record(points);
  }

  void retried() {
    retries.increment();
  }

  void deadLettered() {
    deadLetters.increment();
  }

  private final java.util.concurrent.atomic.AtomicInteger consumers =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Numbers the consumers of this store, from 0. */
  int nextIndex() {
    return consumers.getAndIncrement();
  }

  /** A new lag slot for one consumer of the store; the gauge shows the sum of all slots. */
  AtomicLong lagSlot() {
    AtomicLong slot = new AtomicLong();
    lags.add(slot);
    return slot;
  }

  /** Points acknowledged so far. */
  public double pointsWritten() {
    return pointsWritten.count();
  }

  /** Records behind the end offsets at the last poll. */
  public long lag() {
    long sum = 0;
    for (AtomicLong slot : lags) {
      sum += slot.get();
    }
    return sum;
  }

  /** Retried flush attempts so far. */
  public double retries() {
    return retries.count();
  }

  /** Dead-lettered records so far. */
  public double deadLetters() {
    return deadLetters.count();
  }

  /** The write-latency timer (for percentiles in benchmarks). */
  public Timer writeLatency() {
    return writeLatency;
  }
}
