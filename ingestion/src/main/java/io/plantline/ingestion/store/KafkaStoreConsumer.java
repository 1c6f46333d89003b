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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code flushInterval} old; then a flush hands them to the writer thread: the sink writes them,
 * records that failed to decode go to the dead-letter topic, and only after both succeeded are the
 * flush's offsets committed (by the consumer thread, the only one that touches the consumer). One
 * flush is in flight at a time, so the consumer decodes the next buffer while the store writes the
 * last one; when the next buffer is due before the write is done, the partitions are paused (the
 * consumer keeps polling so that it stays in its group). A failed write is retried with backoff,
 * forever, so nothing is lost and nothing later is written before it. The sink is idempotent, so a
 * retry or a restart from the last commit rewrites the same rows.
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
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread thread;
  private final ExecutorService writerThread;
  private final java.util.concurrent.atomic.AtomicLong lagSlot;
  private Buffer buffer = new Buffer();
  private Flush inFlight;
  private boolean pausedForWriter;
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
    String name = "store-writer-" + sink.name() + "-" + metrics.nextIndex();
    this.thread = new Thread(this::run, name);
    this.writerThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-flush");
              t.setDaemon(true);
              return t;
            });
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
        settleFlush();
        if (buffer.due(settings.flushPoints(), settings.flushInterval())) {
          if (inFlight == null) {
            startFlush();
          } else if (!pausedForWriter) {
            consumer.pause(consumer.assignment());
            pausedForWriter = true;
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("{} writer woken up unexpectedly", sink.name(), e);
      }
    } catch (RuntimeException e) {
      LOG.error("{} writer stopped on an unexpected error", sink.name(), e);
    } finally {
      running = false;
      try {
        try {
          awaitFlush(Duration.ofSeconds(10));
        } catch (WakeupException e) {
          awaitFlush(Duration.ofSeconds(10)); // the wakeup of close() hit the commit: once more
        }
        consumer.close(Duration.ofSeconds(10));
      } finally {
        writerThread.shutdownNow();
        finished.countDown();
      }
    }
  }

  /** Hands the buffer to the writer thread and starts a new one. */
  private void startFlush() {
    Buffer full = buffer;
    buffer = new Buffer();
    StoreRecords records = full.records();
    List<DeadLetters.Rejected> rejected = full.rejected();
    inFlight =
        new Flush(
            CompletableFuture.supplyAsync(() -> write(records, rejected), writerThread),
            full.offsets());
  }

  /** Commits the flush in flight if it is done and written, and lets the consumer go on. */
  private void settleFlush() {
    if (inFlight == null || !inFlight.done().isDone()) {
      return;
    }
    if (Boolean.TRUE.equals(inFlight.done().getNow(false))) {
      commit(inFlight.offsets()); // may throw a wakeup: the flush stays to be committed again
    }
    inFlight = null;
    if (pausedForWriter) {
      consumer.resume(consumer.paused());
      pausedForWriter = false;
    }
  }

  /** Waits at most {@code timeout} for the flush in flight, then commits it if it was written. */
  private void awaitFlush(Duration timeout) {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("{} flush not finished: its records will be read again", sink.name());
    }
    settleFlush();
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

  /**
   * On the writer thread: writes the records and dead-letters the rejected ones, retrying with
   * backoff until both succeeded (true) or the consumer stops (false).
   */
  private boolean write(StoreRecords records, List<DeadLetters.Rejected> rejected) {
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
          throw e;
        } catch (Exception e) {
          failures++;
          retrying = true;
          metrics.retried();
          if (failures == 1 || failures % 20 == 0) {
            LOG.warn(
                "{} write failed (attempt {}), retrying; offsets not committed: {}",
                sink.name(),
                failures,
                e.toString());
          }
          if (!running) {
            return false;
          }
          Thread.sleep(settings.backoff().delayAfter(failures).toMillis());
        }
      }
      if (failures > 0) {
        LOG.info("{} write succeeded after {} failed attempts", sink.name(), failures);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      retrying = false;
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

  /**
   * Stops the loop after the current attempt, commits a flush that completes within 10 s and closes
   * the consumer; uncommitted work stays in Kafka.
   */
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
      // Commit what is being written before the partitions move, so the new owner does not
      // rewrite it (that would be harmless: the sinks are idempotent).
      awaitFlush(Duration.ofSeconds(5));
      buffer.drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned = true;
      if (pausedForWriter) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      buffer.drop(partitions);
    }
  }

  /** A flush handed to the writer thread: whether it was written, and what to commit then. */
  private record Flush(
      CompletableFuture<Boolean> done, Map<TopicPartition, OffsetAndMetadata> offsets) {}

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
