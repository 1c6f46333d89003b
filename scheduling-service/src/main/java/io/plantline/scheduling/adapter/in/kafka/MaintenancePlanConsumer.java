package io.plantline.scheduling.adapter.in.kafka;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderPlanned;
import io.plantline.scheduling.domain.production.ProductionSchedules;
import io.plantline.scheduling.domain.production.ProductionSchedules.ReplanOutcome;
import io.plantline.scheduling.domain.production.SolverQueue;
import io.plantline.service.kafka.ManualCommitConsumer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-plans production when maintenance is planned: reads {@code workorder.events.v1} (its own
 * consumer group) and, for each {@link WorkOrderPlanned}, queues a new version of every schedule
 * that uses the asset in an overlapping horizon. Offsets are committed after the versions are
 * stored; a redelivered event finds its versions by key and queues nothing new.
 */
public final class MaintenancePlanConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenancePlanConsumer.class);

  private final ProductionSchedules schedules;
  private final SolverQueue queue;
  private final ManualCommitConsumer loop;
  private final AtomicLong replans = new AtomicLong();

  /**
   * A consumer; call {@link #start()}.
   *
   * @param consumer a Kafka consumer with auto-commit off, owned by this object
   * @param topic the work-order events topic
   * @param schedules the use cases
   * @param queue where new versions go
   * @param backoff pause after a failure before re-reading
   */
  public MaintenancePlanConsumer(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      ProductionSchedules schedules,
      SolverQueue queue,
      Duration backoff) {
    this.schedules = schedules;
    this.queue = queue;
    this.loop =
        new ManualCommitConsumer("maintenance-replan", consumer, topic, this::handle, backoff);
  }

  /** Subscribes and starts polling. */
  public MaintenancePlanConsumer start() {
    loop.start();
    return this;
  }

  /** Schedule versions queued because of planned maintenance since start. */
  public long replanCount() {
    return replans.get();
  }

  /** Whether the polling thread runs. */
  public boolean isRunning() {
    return loop.isRunning();
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
    if (!(event instanceof WorkOrderPlanned planned)) {
      return;
    }
    for (ReplanOutcome outcome :
        schedules.maintenancePlanned(
            planned.assetId(),
            planned.plannedStart(),
            planned.plannedEnd(),
            planned.workOrderId(),
            planned.version())) {
      if (outcome instanceof ReplanOutcome.Queued queued) {
        try {
          queue.put(queued.version());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("stopped while queueing a re-plan", e);
        }
        replans.incrementAndGet();
        LOG.info(
            "maintenance {} on {} re-plans schedule {} as v{}",
            planned.workOrderId(),
            planned.assetId(),
            queued.version().scheduleId(),
            queued.version().version());
      }
    }
  }

  /** Stops polling and closes the consumer. */
  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
