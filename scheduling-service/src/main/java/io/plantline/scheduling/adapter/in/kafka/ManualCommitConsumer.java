package io.plantline.scheduling.adapter.in.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka polling loop on its own thread that hands each record to a handler, in partition order,
 * and commits offsets only after the handler returned. When the handler throws (a store is down),
 * the handled prefix is committed and the rest is re-read after a back-off, so every record is
 * handled at least once; handlers are idempotent.
 */
public final class ManualCommitConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManualCommitConsumer.class);

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final String topic;
  private final Consumer<ConsumerRecord<String, byte[]>> handler;
  private final Duration backoff;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * A loop; call {@link #start()} to run it.
   *
   * @param name thread name
   * @param consumer a Kafka consumer with auto-commit off, owned (closed) by this object
   * @param topic the topic to subscribe to
   * @param handler handles one record; throws to have it re-read
   * @param backoff pause after a failure before re-reading
   */
  public ManualCommitConsumer(
      String name,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      Consumer<ConsumerRecord<String, byte[]>> handler,
      Duration backoff) {
    this.consumer = consumer;
    this.topic = topic;
    this.handler = handler;
    this.backoff = backoff;
    this.thread = new Thread(this::run, name);
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
      consumer.subscribe(List.of(topic));
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
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
        sleep(backoff);
        return;
      }
      done.put(tp, new OffsetAndMetadata(record.offset() + 1));
    }
    if (!done.isEmpty()) {
      consumer.commitSync(done);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops polling and closes the consumer. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
