package io.plantline.service.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka polling loop on its own thread that hands each record to a handler and commits offsets
 * only after the handler returned, so every record is handled at least once; handlers are
 * idempotent.
 *
 * <p>With a parallelism of 1 the records are handled one at a time in partition order; when the
 * handler throws (a store is down), the handled prefix is committed and the rest is re-read after a
 * back-off. With a larger parallelism each polled batch is split into lanes by record key (the
 * device id, so one asset's records, and with them each work order's, keep their order) and the
 * lanes run concurrently on that many worker threads; the batch's offsets are committed once every
 * lane is done. When a lane fails, the rest of that lane is not handled, nothing of the batch is
 * committed and the whole batch is re-read after the back-off.
 *
 * <p>{@link #perKey} makes a loop whose handler gets each key's records of a poll as one list (to
 * write them in one go), in lanes as above whatever the parallelism.
 */
public final class ManualCommitConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManualCommitConsumer.class);

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final String topic;
  private final Consumer<ConsumerRecord<String, byte[]>> handler;
  private final Consumer<List<ConsumerRecord<String, byte[]>>> laneHandler;
  private final Duration backoff;
  private final Thread thread;
  private final ExecutorService workers;
  private volatile boolean running = true;
  private volatile Runnable onRewind = () -> {};

  /** A sequential loop (parallelism 1); call {@link #start()} to run it. */
  public ManualCommitConsumer(
      String name,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      Consumer<ConsumerRecord<String, byte[]>> handler,
      Duration backoff) {
    this(name, consumer, topic, handler, backoff, 1);
  }

  /**
   * A loop; call {@link #start()} to run it.
   *
   * @param name thread name
   * @param consumer a Kafka consumer with auto-commit off, owned (closed) by this object
   * @param topic the topic to subscribe to
   * @param handler handles one record; throws to have it re-read; must be thread-safe when {@code
   *     parallelism} is above 1
   * @param backoff pause after a failure before re-reading
   * @param parallelism how many keys are handled at once, 1 or more
   */
  public ManualCommitConsumer(
      String name,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      Consumer<ConsumerRecord<String, byte[]>> handler,
      Duration backoff,
      int parallelism) {
    this(name, consumer, topic, handler, lane -> lane.forEach(handler), backoff, parallelism);
  }

  private ManualCommitConsumer(
      String name,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      Consumer<ConsumerRecord<String, byte[]>> handler,
      Consumer<List<ConsumerRecord<String, byte[]>>> laneHandler,
      Duration backoff,
      int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be 1 or more, was " + parallelism);
    }
    this.consumer = consumer;
    this.topic = topic;
    this.handler = handler;
    this.laneHandler = laneHandler;
    this.backoff = backoff;
    this.thread = new Thread(this::run, name);
    this.workers = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism, named(name));
  }

  /**
   * A loop whose handler gets the records of one key from one poll, in order, as one list; call
   * {@link #start()} to run it.
   *
   * @param handler handles one key's records; throws to have the whole batch re-read; must be
   *     thread-safe when {@code parallelism} is above 1
   */
  public static ManualCommitConsumer perKey(
      String name,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      Consumer<List<ConsumerRecord<String, byte[]>>> handler,
      Duration backoff,
      int parallelism) {
    return new ManualCommitConsumer(name, consumer, topic, null, handler, backoff, parallelism);
  }

  /**
   * Runs {@code action} on the polling thread whenever partitions are revoked or assigned, and
   * before a failed batch is re-read (no handler runs then), for example to drop state cached for
   * the keys. Call before {@link #start()}.
   */
  public ManualCommitConsumer onRewind(Runnable action) {
    this.onRewind = action;
    return this;
  }

  /** Subscribes and starts the polling thread. */
  public ManualCommitConsumer start() {
    thread.start();
    return this;
  }

  /** Whether the polling thread is alive (false before start, after close or a fatal error). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try {
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              onRewind.run();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              onRewind.run();
            }
          });
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          if (workers == null && handler != null) {
            handleInOrder(records);
          } else {
            handleInLanes(records);
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(10));
      if (workers != null) {
        workers.shutdownNow();
      }
    }
  }

  private void handleInOrder(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      try {
        handler.accept(record);
      } catch (RuntimeException e) {
        LOG.warn("handling {} failed; re-reading after {}: {}", tp, backoff, e.toString());
        if (!done.isEmpty()) {
          consumer.commitSync(done);
        }
        for (TopicPartition p : records.partitions()) {
          OffsetAndMetadata next = done.get(p);
          consumer.seek(p, next != null ? next.offset() : records.records(p).get(0).offset());
        }
        onRewind.run();
        sleep(backoff);
        return;
      }
      done.put(tp, new OffsetAndMetadata(record.offset() + 1));
    }
    consumer.commitSync(done);
  }

  private void handleInLanes(ConsumerRecords<String, byte[]> records) {
    Map<Object, List<ConsumerRecord<String, byte[]>>> lanes = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      Object lane = record.key() != null ? record.key() : record.partition();
      lanes.computeIfAbsent(lane, k -> new ArrayList<>()).add(record);
    }
    try {
      if (workers == null) {
        lanes.values().forEach(laneHandler);
      } else {
        List<CompletableFuture<Void>> handled = new ArrayList<>(lanes.size());
        for (List<ConsumerRecord<String, byte[]>> lane : lanes.values()) {
          handled.add(CompletableFuture.runAsync(() -> laneHandler.accept(lane), workers));
        }
        CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).join();
      }
    } catch (RuntimeException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      LOG.warn(
          "handling a batch of {} failed; re-reading it after {}: {}",
          topic,
          backoff,
          String.valueOf(cause));
      for (TopicPartition p : records.partitions()) {
        consumer.seek(p, records.records(p).get(0).offset());
      }
      onRewind.run();
      sleep(backoff);
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (TopicPartition p : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> inPartition = records.records(p);
      done.put(p, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
    }
    consumer.commitSync(done);
  }

  private static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops polling (after the batch in hand) and closes the consumer. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
