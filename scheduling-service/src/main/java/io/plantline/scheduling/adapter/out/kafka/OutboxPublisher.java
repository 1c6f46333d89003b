package io.plantline.scheduling.adapter.out.kafka;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.scheduling.adapter.out.cassandra.CassandraOutbox;
import io.plantline.scheduling.adapter.out.cassandra.WorkOrderSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays stored work-order events to Kafka, outbox style: it scans the outbox marks, publishes
 * every stored event after the stream's published position in version order (key = asset id), waits
 * for the acknowledgements, then advances the position and removes the marks. A crash at any point
 * leaves marks behind, so the next publisher publishes what is missing: delivery is at least once,
 * and consumers deduplicate by event id (ids are deterministic). A mark whose append lost or never
 * happened is removed once older than the grace period. Run one publisher per store.
 */
public final class OutboxPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);

  private final CassandraOutbox outbox;
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Duration interval;
  private final Duration grace;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean nudged = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();

  /**
   * A publisher; call {@link #start()} to run it.
   *
   * @param outbox the store's outbox
   * @param producer the Kafka producer, owned (closed) by this publisher
   * @param topic the events topic
   * @param interval pause between scans
   * @param grace age after which a mark without its event is dropped
   */
  public OutboxPublisher(
      CassandraOutbox outbox,
      Producer<String, byte[]> producer,
      String topic,
      Duration interval,
      Duration grace,
      Clock clock) {
    this.outbox = outbox;
    this.producer = producer;
    this.topic = topic;
    this.interval = interval;
    this.grace = grace;
    this.clock = clock;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "workorder-outbox-publisher");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts scanning every interval. */
  public OutboxPublisher start() {
    executor.scheduleWithFixedDelay(
        this::drainQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Asks for a scan now (after an append), without waiting for the interval. */
  public void nudge() {
    if (nudged.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            nudged.set(false);
            drainQuietly();
          });
    }
  }

  /** Events published since start. */
  public long publishedCount() {
    return published.get();
  }

  /** Scans every outbox bucket once; returns how many events it published. */
  public int drainOnce() throws InterruptedException, ExecutionException {
    int count = 0;
    for (int bucket = 0; bucket < WorkOrderSchema.OUTBOX_BUCKETS; bucket++) {
      Map<String, List<CassandraOutbox.Mark>> byStream = new LinkedHashMap<>();
      for (CassandraOutbox.Mark mark : outbox.marks(bucket)) {
        byStream.computeIfAbsent(mark.workOrderId(), k -> new ArrayList<>()).add(mark);
      }
      count += publishBucket(byStream);
    }
    return count;
  }

  /** Sends every stream's unpublished events, then waits for all acks, then records progress. */
  private int publishBucket(Map<String, List<CassandraOutbox.Mark>> byStream)
      throws InterruptedException, ExecutionException {
    record Pending(String workOrderId, long through, List<WorkOrderEvent> events) {}
    List<Pending> pending = new ArrayList<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (String workOrderId : byStream.keySet()) {
      long through = outbox.publishedThrough(workOrderId);
      List<WorkOrderEvent> events = outbox.eventsAfter(workOrderId, through);
      for (WorkOrderEvent event : events) {
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    topic, event.assetId(), Codecs.WORK_ORDER_EVENT.encode(event))));
      }
      pending.add(new Pending(workOrderId, through, events));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
    Instant staleBefore = clock.instant().minus(grace);
    int count = 0;
    for (Pending p : pending) {
      long through = p.through();
      if (!p.events().isEmpty()) {
        through = p.events().get(p.events().size() - 1).version();
        outbox.markPublished(p.workOrderId(), through);
      }
      for (CassandraOutbox.Mark mark : byStream.get(p.workOrderId())) {
        if (mark.version() <= through || mark.markedAt().isBefore(staleBefore)) {
          outbox.delete(mark);
        }
      }
      count += p.events().size();
      published.addAndGet(p.events().size());
    }
    return count;
  }

  private void drainQuietly() {
    try {
      drainOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("outbox scan failed; retrying in {}: {}", interval, e.toString());
    }
  }

  /** Stops scanning (waiting for a scan in progress) and closes the producer. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }
}
