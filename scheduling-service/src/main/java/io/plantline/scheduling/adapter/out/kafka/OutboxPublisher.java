package io.plantline.scheduling.adapter.out.kafka;

import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.scheduling.adapter.out.cassandra.CassandraOutbox;
import io.plantline.scheduling.adapter.out.cassandra.WorkOrderSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Relays stored work-order events to Kafka, outbox style. The outbox marks of a stream are its
 * versions not yet known to be on Kafka: the publisher sends the stream's stored events from its
 * lowest mark on, in version order (key = asset id), waits for the acknowledgements, then removes
 * the marks up to the last version sent. A crash at any point leaves marks behind, so the next
 * publisher publishes what is missing: delivery is at least once, and consumers deduplicate by
 * event id (ids are deterministic).
 *
 * <p>Events appended in this process are handed over with {@link #appended} and sent from memory
 * when they directly follow what this publisher sent last for the stream (or open it), so the
 * common path reads nothing; otherwise the stream is read from the store. Every {@code interval}
 * (and after {@link #nudge()}) all outbox buckets are scanned for marks left by crashes or other
 * writers, and a mark whose append lost or never happened is removed once older than the grace
 * period. The streams of one round are read, sent and cleared concurrently. The last version sent
 * per stream is remembered (a bounded cache); run one publisher per store.
 */
public final class OutboxPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
  private static final int REMEMBERED_STREAMS = 200_000;

  private final CassandraOutbox outbox;
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Duration interval;
  private final Duration grace;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean scanRequested = new AtomicBoolean();
  private final AtomicBoolean handOverScheduled = new AtomicBoolean();
  private final Map<String, TreeMap<Long, WorkOrderEvent>> handedOver = new LinkedHashMap<>();
  private final AtomicLong published = new AtomicLong();
  private final Map<String, Long> sent =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > REMEMBERED_STREAMS;
        }
      };

  /**
   * A publisher; call {@link #start()} to run it.
   *
   * @param outbox the store's outbox
   * @param producer the Kafka producer, owned (closed) by this publisher
   * @param topic the events topic
   * @param interval pause between scans of every bucket
   * @param grace age after which a mark without its event is dropped
   * @param clock the clock of the grace period
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
        () -> quietly(this::drainOnce), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Asks for a scan of every bucket now, without waiting for the interval. */
  public void nudge() {
    if (scanRequested.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            scanRequested.set(false);
            quietly(this::drainOnce);
          });
    }
  }

  /** Hands over events just appended to the store (one stream, in version order) to publish now. */
  public void appended(List<WorkOrderEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    synchronized (handedOver) {
      TreeMap<Long, WorkOrderEvent> stream =
          handedOver.computeIfAbsent(events.get(0).workOrderId(), k -> new TreeMap<>());
      events.forEach(e -> stream.put(e.version(), e));
    }
    if (handOverScheduled.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            handOverScheduled.set(false);
            quietly(this::drainHandedOver);
          });
    }
  }

  /** Events sent and acknowledged since start (a resend after a failure counts again). */
  public long publishedCount() {
    return published.get();
  }

  /** Scans every outbox bucket once and publishes what the marks point at. */
  public int drainOnce() throws InterruptedException, ExecutionException {
    Map<String, List<CassandraOutbox.Mark>> byStream = new LinkedHashMap<>();
    for (int bucket = 0; bucket < WorkOrderSchema.OUTBOX_BUCKETS; bucket++) {
      for (CassandraOutbox.Mark mark : outbox.marks(bucket)) {
        byStream.computeIfAbsent(mark.workOrderId(), k -> new ArrayList<>()).add(mark);
      }
    }
    List<CompletableFuture<Stream>> streams = new ArrayList<>();
    byStream.forEach(
        (id, marks) -> {
          long lowest = marks.get(0).version();
          long from = Math.max(lowest - 1, sent.getOrDefault(id, -1L));
          streams.add(
              outbox
                  .eventsAfterAsync(id, from)
                  .thenApply(events -> new Stream(id, from, events, marks))
                  .toCompletableFuture());
        });
    return publish(streams);
  }

  /** Publishes the streams handed over by {@link #appended} since the last time. */
  private int drainHandedOver() throws InterruptedException, ExecutionException {
    Map<String, TreeMap<Long, WorkOrderEvent>> batch;
    synchronized (handedOver) {
      batch = new LinkedHashMap<>(handedOver);
      handedOver.clear();
    }
    List<CompletableFuture<Stream>> streams = new ArrayList<>();
    batch.forEach((id, events) -> streams.add(stream(id, events)));
    return publish(streams);
  }

  /**
   * What to send of a stream some of whose events were handed over: the handed-over events when
   * they directly follow what was sent last (or open the stream, which nothing can precede), else
   * the stored events after what was sent last, or after the lowest mark when nothing is known.
   */
  private CompletableFuture<Stream> stream(String id, TreeMap<Long, WorkOrderEvent> events) {
    long first = events.firstKey();
    long last = events.lastKey();
    boolean contiguous = last - first + 1 == events.size();
    Long through = sent.get(id);
    if (through != null && through >= last) {
      return CompletableFuture.completedFuture(new Stream(id, through, List.of(), List.of()));
    }
    if (contiguous && (through == null ? first == 1 : through == first - 1)) {
      return CompletableFuture.completedFuture(
          new Stream(id, first - 1, List.copyOf(events.values()), List.of()));
    }
    if (through != null) {
      return outbox
          .eventsAfterAsync(id, through)
          .thenApply(stored -> new Stream(id, through, stored, List.of()))
          .toCompletableFuture();
    }
    return outbox
        .marksOfAsync(id)
        .thenCompose(
            marks -> {
              if (marks.isEmpty()) {
                return CompletableFuture.completedFuture(
                    new Stream(id, last, List.<WorkOrderEvent>of(), marks));
              }
              long from = marks.get(0).version() - 1;
              return outbox
                  .eventsAfterAsync(id, from)
                  .thenApply(stored -> new Stream(id, from, stored, marks));
            })
        .toCompletableFuture();
  }

  /**
   * A stream's part of one round: the events to send (versions after {@code from}) and the marks a
   * scan found.
   */
  private record Stream(
      String workOrderId,
      long from,
      List<WorkOrderEvent> events,
      List<CassandraOutbox.Mark> marks) {}

  /**
   * Sends every stream's events, waits for all acks, then removes the marks up to what was sent; a
   * scanned mark beyond that is dropped once older than the grace period.
   */
  private int publish(List<CompletableFuture<Stream>> reads)
      throws InterruptedException, ExecutionException {
    List<Stream> streams = new ArrayList<>();
    for (CompletableFuture<Stream> read : reads) {
      streams.add(join(read));
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Stream s : streams) {
      for (WorkOrderEvent event : s.events()) {
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    topic, event.assetId(), Codecs.WORK_ORDER_EVENT.encode(event))));
      }
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
    published.addAndGet(acks.size());
    Instant staleBefore = clock.instant().minus(grace);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    int count = 0;
    for (Stream s : streams) {
      long through =
          s.events().stream()
              .map(WorkOrderEvent::version)
              .max(Comparator.naturalOrder())
              .orElse(s.from());
      if (through >= 0) {
        sent.merge(s.workOrderId(), through, Math::max);
        if (!s.events().isEmpty() || s.marks().stream().anyMatch(m -> m.version() <= through)) {
          writes.add(outbox.deleteThroughAsync(s.workOrderId(), through).toCompletableFuture());
        }
      }
      for (CassandraOutbox.Mark mark : s.marks()) {
        if (mark.version() > through && mark.markedAt().isBefore(staleBefore)) {
          writes.add(outbox.deleteAsync(mark).toCompletableFuture());
        }
      }
      count += s.events().size();
    }
    join(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
    return count;
  }

  private static <T> T join(CompletableFuture<T> future) throws ExecutionException {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw new ExecutionException(e.getCause());
    }
  }

  private interface Round {
    int run() throws InterruptedException, ExecutionException;
  }

  private void quietly(Round round) {
    try {
      round.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("outbox round failed; the next scan retries in {}: {}", interval, e.toString());
    }
  }

  /** Stops scanning (waiting for a round in progress) and closes the producer. */
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
