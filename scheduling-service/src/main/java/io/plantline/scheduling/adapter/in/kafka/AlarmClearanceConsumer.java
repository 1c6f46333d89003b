package io.plantline.scheduling.adapter.in.kafka;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.scheduling.domain.AlarmClearance;
import io.plantline.scheduling.domain.ClearanceResult;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import io.plantline.service.kafka.ManualCommitConsumer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes alarm events from {@code alarms.v1} and hands each CLEARED one to {@link
 * WorkOrderCommandHandler#alarmCleared}: a DONE order whose alarm cleared is verified; an order not
 * yet done is verified when it is completed. Other states are skipped. Offsets are committed only
 * after handling, and the verification's command id comes from the alarm event id, so a redelivery
 * has one effect. A record that is not a valid alarm event is logged with the field at fault,
 * counted and skipped (there is no dead-letter topic for alarms in the contracts).
 */
public final class AlarmClearanceConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmClearanceConsumer.class);

  private final WorkOrderCommandHandler handler;
  private final Consumer<ClearanceResult> afterHandled;
  private final ManualCommitConsumer loop;
  private final AtomicLong clearances = new AtomicLong();
  private final AtomicLong verified = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  /**
   * An intake; call {@link #start()} to run it.
   *
   * @param consumer a Kafka consumer with auto-commit off, owned (closed) by this object
   * @param topic the alarms topic
   * @param handler the command handler
   * @param afterHandled called with each clearance's result (for example to nudge the publisher)
   * @param backoff pause after a failure before re-reading
   */
  public AlarmClearanceConsumer(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      WorkOrderCommandHandler handler,
      Consumer<ClearanceResult> afterHandled,
      Duration backoff) {
    this(consumer, topic, handler, afterHandled, backoff, 1);
  }

  /**
   * An intake handling up to {@code parallelism} devices' alarms at once (one device's in order);
   * call {@link #start()} to run it.
   */
  public AlarmClearanceConsumer(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      WorkOrderCommandHandler handler,
      Consumer<ClearanceResult> afterHandled,
      Duration backoff,
      int parallelism) {
    this.handler = handler;
    this.afterHandled = afterHandled;
    this.loop =
        new ManualCommitConsumer(
            "workorder-alarm-intake", consumer, topic, this::handle, backoff, parallelism);
  }

  /** Subscribes and starts polling. */
  public AlarmClearanceConsumer start() {
    loop.start();
    return this;
  }

  /** CLEARED events handled since start. */
  public long clearanceCount() {
    return clearances.get();
  }

  /** Orders verified by a clearance since start. */
  public long verifiedCount() {
    return verified.get();
  }

  /** Records skipped because they were not valid alarm events. */
  public long rejectedCount() {
    return rejected.get();
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    AlarmEvent event;
    try {
      event = Codecs.ALARM_EVENT.decode(record.value());
    } catch (ContractViolationException e) {
      rejected.incrementAndGet();
      LOG.warn(
          "skipping invalid alarm event at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    if (event.state() != AlarmState.CLEARED) {
      return;
    }
    ClearanceResult result =
        handler.alarmCleared(
            new AlarmClearance(event.alarmId(), event.eventId(), event.occurredAt()));
    clearances.incrementAndGet();
    if (result instanceof ClearanceResult.Verified) {
      verified.incrementAndGet();
    } else if (result instanceof ClearanceResult.NotApplicable n) {
      LOG.info("clearance of alarm {} verifies nothing: {}", event.alarmId(), n.reason());
    }
    afterHandled.accept(result);
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
