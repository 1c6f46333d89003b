package io.plantline.scheduling.adapter.in.kafka;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.scheduling.domain.CommandResult;
import io.plantline.scheduling.domain.WorkOrderCommandHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes work-order commands from {@code workorder.commands.v1} and hands them to the {@link
 * WorkOrderCommandHandler}, one at a time in partition order, on its own thread. Offsets are
 * committed only after the commands are handled (stored, or refused, or recognised as duplicates),
 * so a crash redelivers them and command-id idempotency makes that harmless. A record that is not a
 * valid command is logged with the field at fault and skipped. When handling fails (store down),
 * the handled prefix is committed and the rest is re-read after a back-off.
 */
public final class WorkOrderCommandConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkOrderCommandConsumer.class);

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final String topic;
  private final WorkOrderCommandHandler handler;
  private final Consumer<CommandResult> afterHandled;
  private final Duration backoff;
  private final Thread thread;
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean running = true;

  /**
   * A consumer; call {@link #start()} to run it.
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
    this.consumer = consumer;
    this.topic = topic;
    this.handler = handler;
    this.afterHandled = afterHandled;
    this.backoff = backoff;
    this.thread = new Thread(this::run, "workorder-command-consumer");
  }

  /** Subscribes and starts the polling thread. */
  public WorkOrderCommandConsumer start() {
    thread.start();
    return this;
  }

  /** Commands handled (any result) since start. */
  public long handledCount() {
    return handled.get();
  }

  /** Records skipped because they were not valid commands. */
  public long rejectedCount() {
    return rejected.get();
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
        handle(record);
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
    afterHandled.accept(result);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops polling, commits nothing further, closes the consumer. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
