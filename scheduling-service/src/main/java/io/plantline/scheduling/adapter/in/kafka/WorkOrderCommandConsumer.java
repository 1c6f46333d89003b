package io.plantline.scheduling.adapter.in.kafka;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.scheduling.domain.CommandResult;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import io.plantline.service.kafka.ManualCommitConsumer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes work-order commands from {@code workorder.commands.v1} and hands them to the {@link
 * WorkOrderCommandHandler}, one at a time in partition order. Offsets are committed only after the
 * commands are handled (stored, refused, or recognised as duplicates), so a crash redelivers them
 * and command-id idempotency makes that harmless. A record that is not a valid command is logged
 * with the field at fault and skipped.
 */
public final class WorkOrderCommandConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkOrderCommandConsumer.class);

  private final WorkOrderCommandHandler handler;
  private final Consumer<CommandResult> afterHandled;
  private final ManualCommitConsumer loop;
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  /**
   * An intake; call {@link #start()} to run it.
   *
   * @param consumer a Kafka consumer with auto-commit off, owned (closed) by this object
   * @param topic the commands topic
   * @param handler the command handler
   * @param afterHandled called with each result (for example to nudge the outbox publisher)
   * @param backoff pause after a failure before re-reading
   */
  public WorkOrderCommandConsumer(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      WorkOrderCommandHandler handler,
      Consumer<CommandResult> afterHandled,
      Duration backoff) {
    this(consumer, topic, handler, afterHandled, backoff, 1);
  }

  /**
   * An intake handling up to {@code parallelism} assets' commands at once (one asset's in order);
   * call {@link #start()} to run it.
   */
  public WorkOrderCommandConsumer(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      String topic,
      WorkOrderCommandHandler handler,
      Consumer<CommandResult> afterHandled,
      Duration backoff,
      int parallelism) {
    this.handler = handler;
    this.afterHandled = afterHandled;
    this.loop =
        new ManualCommitConsumer(
            "workorder-command-intake", consumer, topic, this::handle, backoff, parallelism);
  }

  /** Subscribes and starts polling. */
  public WorkOrderCommandConsumer start() {
    loop.start();
    return this;
  }

  /** Commands handled (any result) since start. */
  public long handledCount() {
    return handled.get();
  }

  /** Commands that changed an order (stored events) since start; redeliveries do not count. */
  public long appliedCount() {
    return applied.get();
  }

  /** Records skipped because they were not valid commands. */
  public long rejectedCount() {
    return rejected.get();
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    WorkOrderCommand command;
    try {
      command = Codecs.WORK_ORDER_COMMAND.decode(record.value());
    } catch (ContractViolationException e) {
      rejected.incrementAndGet();
      LOG.warn(
          "skipping invalid command at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    CommandResult result = handler.handle(command, OptionalLong.empty());
    if (result instanceof CommandResult.Conflict) {
      throw new IllegalStateException("command " + command.commandId() + " kept losing races");
    }
    if (result instanceof CommandResult.Refused r) {
      LOG.info("command {} refused: {}", command.commandId(), r.reason());
    }
    handled.incrementAndGet();
    if (result instanceof CommandResult.Applied) {
      applied.incrementAndGet();
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
