package io.plantline.ingestion.store;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.telemetry.TelemetryBatch;
import io.plantline.contracts.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code telemetry.raw.v1} (and {@code device.status.v1} if subscribed) and writes into one
 * {@link StoreSink}, at least once and without skipping.
 *
 * <p>Records are decoded and buffered until the buffer holds {@code flushPoints} points or is
 * {@code flushInterval} old; then the sink writes them, records that failed to decode go to the
 * dead-letter topic, and only after both succeeded are the offsets committed. A failed flush is
 * retried with backoff, forever, with the partitions paused (the consumer keeps polling so that it
 * stays in its group), so nothing is lost and nothing later is written before it. The sink is
 * idempotent, so a retry or a restart from the last commit rewrites the same rows.
 */
public final class KafkaStoreConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStoreConsumer.class);

  /**
   * What to read and when to flush.
   *
   * @param groupId consumer group, one per store
   * @param topics topics to read
   * @param flushPoints flush once the buffer holds this many points (statuses count as one)
   * @param flushInterval flush once the oldest buffered record is this old
   * @param backoff delays between failed attempts
   */
  public record Settings(
      String groupId,
      List<String> topics,
      int flushPoints,
      Duration flushInterval,
      Backoff backoff) {

    /** Validates the sizes. */
    public Settings {
      topics = List.copyOf(topics);
      if (flushPoints < 1) {
        throw new IllegalArgumentException("flushPoints must be at least 1");
      }
      if (flushInterval.isNegative() || flushInterval.isZero()) {
        throw new IllegalArgumentException("flushInterval must be positive");
      }
    }
  }

  private final Consumer<String, byte[]> consumer;
  private final StoreSink sink;
  private final DeadLetters deadLetters;
  private final StoreMetrics metrics;
  private final Settings settings;
  private final Buffer buffer = new Buffer();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread thread;
  private final java.util.concurrent.atomic.AtomicLong lagSlot;
  private volatile boolean running = true;
  private volatile boolean assigned;
  private volatile boolean retrying;

  /** A consumer loop for {@code sink}; call {@link #start()} to run it on its own thread. */
  public KafkaStoreConsumer(
      Consumer<String, byte[]> consumer,
      StoreSink sink,
      DeadLetters deadLetters,
      StoreMetrics metrics,
      Settings settings) {
    this.consumer = consumer;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.settings = settings;
    this.lagSlot = metrics.lagSlot();
    this.thread = new Thread(this::run, "store-writer-" + sink.name() + "-" + metrics.nextIndex());
  }

  /** Starts the loop. */
  public KafkaStoreConsumer start() {
    thread.start();
    return this;
  }

  /** Whether the consumer has joined its group and holds partitions (or was given none yet). */
  public boolean ready() {
    return assigned && !retrying && thread.isAlive();
  }

  private void run() {
    try {
      consumer.subscribe(settings.topics(), new Rebalance());
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
        for (ConsumerRecord<String, byte[]> record : records) {
          buffer.add(record, decode(record));
        }
        updateLag();
        if (buffer.due(settings.flushPoints(), settings.flushInterval())) {
          flush();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("{} writer woken up unexpectedly", sink.name(), e);
      }
    } catch (RuntimeException e) {
      LOG.error("{} writer stopped on an unexpected error", sink.name(), e);
    } finally {
      try {
        consumer.close(Duration.ofSeconds(10));
      } finally {
        finished.countDown();
      }
    }
  }

  private Duration pollTimeout() {
    Duration interval = settings.flushInterval();
    return interval.compareTo(Duration.ofMillis(100)) < 0 ? interval : Duration.ofMillis(100);
  }

  /** Decodes one record: the event, or the violation that sends it to the dead-letter topic. */
  static Object decode(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.value() == null) {
        throw new ContractViolationException(ContractViolationException.ROOT, "missing payload");
      }
      if (Topics.DEVICE_STATUS.equals(record.topic())) {
        return Codecs.DEVICE_STATUS.decode(record.value());
      }
      return Codecs.TELEMETRY_BATCH.decode(record.value());
    } catch (ContractViolationException e) {
      return e;
    } catch (RuntimeException e) {
      return new ContractViolationException(ContractViolationException.ROOT, e.toString(), e);
    }
  }

  private void flush() {
    StoreRecords records = buffer.records();
    List<DeadLetters.Rejected> rejected = buffer.rejected();
    Map<TopicPartition, OffsetAndMetadata> offsets = buffer.offsets();
    int failures = 0;
    boolean written = records.isEmpty();
    boolean deadLettered = rejected.isEmpty();
    try {
      while (!written || !deadLettered) {
        long begin = System.nanoTime();
        try {
          if (!written) {
            sink.write(records);
            written = true;
            metrics.written(
                records.points(),
                records.telemetry().size() + records.statuses().size(),
                System.nanoTime() - begin);
          }
          if (!deadLettered) {
            deadLetters.sendAll(rejected);
            deadLettered = true;
            rejected.forEach(r -> metrics.deadLettered());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          failures++;
          metrics.retried();
          if (failures == 1 || failures % 20 == 0) {
            LOG.warn(
                "{} write failed (attempt {}), retrying; offsets not committed: {}",
                sink.name(),
                failures,
                e.toString());
          }
          if (!running) {
            return;
          }
          pauseFor(settings.backoff().delayAfter(failures));
        }
      }
      if (failures > 0) {
        LOG.info("{} write succeeded after {} failed attempts", sink.name(), failures);
      }
      commit(offsets);
    } finally {
      buffer.clear();
      if (retrying) {
        consumer.resume(consumer.paused());
        retrying = false;
      }
    }
  }

  /** Waits out a backoff delay while polling paused partitions, so the group keeps us. */
  private void pauseFor(Duration delay) {
    retrying = true;
    consumer.pause(consumer.assignment());
    long end = System.nanoTime() + delay.toNanos();
    while (running && System.nanoTime() < end) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
      ConsumerRecords<String, byte[]> unexpected =
          consumer.poll(Duration.ofMillis(Math.min(left, 100)));
      // Only partitions assigned during the pause can return records: read them again later.
      Map<TopicPartition, Long> firsts = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : unexpected) {
        firsts.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
      }
      firsts.forEach(consumer::seek);
      consumer.pause(consumer.assignment());
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    Set<TopicPartition> owned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> ours = new HashMap<>(offsets);
    ours.keySet().retainAll(owned);
    if (ours.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(ours);
    } catch (CommitFailedException e) {
      LOG.warn("{} commit refused after a rebalance; the new owner rewrites", sink.name());
    }
  }

  private void updateLag() {
    long lag = 0;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong behind = consumer.currentLag(partition);
      if (behind.isPresent()) {
        lag += behind.getAsLong();
      }
    }
    lagSlot.set(lag);
  }

  /** Stops the loop after the current attempt and closes the consumer; uncommitted work stays. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      if (!finished.await(30, TimeUnit.SECONDS)) {
        LOG.warn("{} writer did not stop within 30 s", sink.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      buffer.drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned = true;
      if (retrying) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      buffer.drop(partitions);
    }
  }

  /** Decoded records since the last flush, with the offsets to commit after it. */
  private static final class Buffer {
    private final List<Entry> entries = new ArrayList<>();
    private int points;
    private long firstNanos;

    private record Entry(ConsumerRecord<String, byte[]> record, Object decoded) {
      TopicPartition partition() {
        return new TopicPartition(record.topic(), record.partition());
      }
    }

    void add(ConsumerRecord<String, byte[]> record, Object decoded) {
      if (entries.isEmpty()) {
        firstNanos = System.nanoTime();
      }
      entries.add(new Entry(record, decoded));
      points += decoded instanceof TelemetryBatch batch ? batch.readings().size() : 1;
    }

    boolean due(int flushPoints, Duration flushInterval) {
      return !entries.isEmpty()
          && (points >= flushPoints || System.nanoTime() - firstNanos >= flushInterval.toNanos());
    }

    StoreRecords records() {
      List<TelemetryBatch> telemetry = new ArrayList<>();
      List<DeviceStatus> statuses = new ArrayList<>();
      for (Entry e : entries) {
        if (e.decoded() instanceof TelemetryBatch batch) {
          telemetry.add(batch);
        } else if (e.decoded() instanceof DeviceStatus status) {
          statuses.add(status);
        }
      }
      return new StoreRecords(telemetry, statuses);
    }

    List<DeadLetters.Rejected> rejected() {
      List<DeadLetters.Rejected> rejected = new ArrayList<>();
      for (Entry e : entries) {
        if (e.decoded() instanceof ContractViolationException violation) {
          rejected.add(new DeadLetters.Rejected(e.record(), violation));
        }
      }
      return rejected;
    }

    Map<TopicPartition, OffsetAndMetadata> offsets() {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (Entry e : entries) {
        offsets.put(e.partition(), new OffsetAndMetadata(e.record().offset() + 1));
      }
      return offsets;
    }

    void drop(Collection<TopicPartition> partitions) {
      entries.removeIf(e -> partitions.contains(e.partition()));
      points = 0;
      for (Entry e : entries) {
        points += e.decoded() instanceof TelemetryBatch batch ? batch.readings().size() : 1;
      }
    }

    void clear() {
      entries.clear();
      points = 0;
    }
  }
}
