package io.plantline.scheduling.adapter.in.kafka;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.scheduling.adapter.out.cassandra.CassandraProjections;
import io.plantline.service.kafka.ManualCommitConsumer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code workorder.events.v1} into the read-side projections, committing offsets after each
 * batch is applied. Events of one work order share a key (the asset), so they arrive in order on
 * one partition; the projections are idempotent, so redelivery is harmless.
 */
public final class WorkOrderEventProjector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkOrderEventProjector.class);

  private final CassandraProjections projections;
  private final ManualCommitConsumer loop;
  private final AtomicLong applied = new AtomicLong();

  /**
   * A projector; call {@link #start()} to run it.
   *
   * @param consumer a Kafka consumer with auto-commit off, owned (closed) by this object
   * @param topic the events topic
   * @param projections the read side
   * @param backoff pause after a failure before re-reading
   */
  public WorkOrderEventProjector(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      CassandraProjections projections,
      Duration backoff) {
    this(consumer, topic, projections, backoff, 1);
  }

  /**
   * A projector applying up to {@code parallelism} assets' events at once (one asset's in order);
   * call {@link #start()} to run it.
   */
  public WorkOrderEventProjector(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      CassandraProjections projections,
      Duration backoff,
      int parallelism) {
    this.projections = projections;
    this.loop =
        new ManualCommitConsumer(
                "workorder-projector", consumer, topic, this::handle, backoff, parallelism)
            .onRewind(projections::forgetCachedAssets);
  }

  /** Subscribes and starts polling. */
  public WorkOrderEventProjector start() {
    loop.start();
    return this;
  }

  /** Events applied since start (including ones already projected). */
  public long appliedCount() {
    return applied.get();
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    WorkOrderEvent event;
    try {
      event = Codecs.WORK_ORDER_EVENT.decode(record.value());
    } catch (ContractViolationException e) {
      LOG.warn(
          "skipping invalid event at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    projections.apply(event);
    applied.incrementAndGet();
  }

  /** Whether the polling thread runs. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  /** Stops polling and closes the consumer. */
  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
