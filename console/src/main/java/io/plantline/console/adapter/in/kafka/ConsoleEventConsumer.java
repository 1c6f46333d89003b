package io.plantline.console.adapter.in.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.plantline.console.domain.AlarmBook;
import io.plantline.console.domain.DeviceDirectory;
import io.plantline.console.domain.LiveUpdates;
import io.plantline.console.domain.SessionRevocations;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.session.SessionEnded;
import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.topic.Topics;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code alarms.v1}, {@code device.status.v1}, {@code workorder.events.v1} and {@code
 * console.sessions.v1} on its own thread into the console's memory (alarm book, device sites, alarm
 * → work order links, sessions ended by a logout on any replica) and announces each change to the
 * live streams. {@link #ready()} once partitions are assigned and every logout that was on {@code
 * console.sessions.v1} at the start has been read, so a restarted replica does not take a token
 * whose session has ended.
 *
 * <p>The state is rebuilt from the topics on every start: the consumer joins a group of its own (a
 * random id), starts from the earliest offsets and never commits. It reads committed records only
 * (the stream job writes transactionally). A record that does not decode is logged (the first ten
 * per topic, then every thousandth), counted in {@code
 * plantline_console_kafka_malformed_total{topic}} and skipped; nothing in a record stops the
 * consumer.
 */
public final class ConsoleEventConsumer implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleEventConsumer.class);
  static final List<String> TOPICS =
      List.of(
          Topics.ALARMS, Topics.DEVICE_STATUS, Topics.WORK_ORDER_EVENTS, Topics.CONSOLE_SESSIONS);

  private final Consumer<String, byte[]> consumer;
  private final AlarmBook alarms;
  private final DeviceDirectory directory;
  private final LiveUpdates live;
  private final SessionRevocations revocations;
  private final MeterRegistry metrics;
  private final Map<String, Long> malformed = new HashMap<>();
  private final AtomicBoolean assigned = new AtomicBoolean();
  private final AtomicBoolean sessionsLoaded = new AtomicBoolean();
  private Map<TopicPartition, Long> sessionsEndAtStart;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private Thread thread;

  /** A consumer built from the common client properties ({@code KafkaSettings}). */
  public static ConsoleEventConsumer create(
      Map<String, Object> clientProperties,
      AlarmBook alarms,
      DeviceDirectory directory,
      LiveUpdates live,
      SessionRevocations revocations,
      MeterRegistry metrics) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put("group.id", "plantline-console-" + UUID.randomUUID());
    props.put("client.id", "plantline-console");
    props.put("enable.auto.commit", false);
    props.put("auto.offset.reset", "earliest");
    props.put("isolation.level", "read_committed");
    props.put("max.poll.records", 1000);
    props.put("metadata.max.age.ms", 10_000);
    return new ConsoleEventConsumer(
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()),
        alarms,
        directory,
        live,
        revocations,
        metrics);
  }

  /** A consumer over {@code consumer} (tests give a mock). */
  public ConsoleEventConsumer(
      Consumer<String, byte[]> consumer,
      AlarmBook alarms,
      DeviceDirectory directory,
      LiveUpdates live,
      SessionRevocations revocations,
      MeterRegistry metrics) {
    this.consumer = consumer;
    this.alarms = alarms;
    this.directory = directory;
    this.live = live;
    this.revocations = revocations;
    this.metrics = metrics;
  }

  /** Starts the consumer thread. */
  public void start() {
    thread = new Thread(this, "console-kafka-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether partitions have been assigned (the console is reading). */
  public boolean assigned() {
    return assigned.get();
  }

  /**
   * Whether the console may serve: partitions assigned, and the logouts published before it started
   * all read.
   */
  public boolean ready() {
    return assigned.get() && sessionsLoaded.get();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(TOPICS);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          handle(record);
        }
        if (!assigned.get() && !consumer.assignment().isEmpty()) {
          assigned.set(true);
        }
        if (assigned.get() && !sessionsLoaded.get()) {
          checkSessionsLoaded();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("console event consumer stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Whether this consumer has reached the end the sessions topic had when it was first assigned.
   */
  private void checkSessionsLoaded() {
    if (sessionsEndAtStart == null) {
      List<TopicPartition> partitions =
          consumer.assignment().stream()
              .filter(p -> p.topic().equals(Topics.CONSOLE_SESSIONS))
              .toList();
      if (partitions.isEmpty()) {
        LOG.warn(
            "{} is not assigned: no logout of another replica is known", Topics.CONSOLE_SESSIONS);
      }
      sessionsEndAtStart = consumer.endOffsets(partitions);
    }
    if (sessionsEndAtStart.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
      sessionsLoaded.set(true);
      LOG.info(
          "read the ended sessions of {}: {} known", Topics.CONSOLE_SESSIONS, revocations.size());
    }
  }

  /** Applies one record; never throws for a bad record. */
  void handle(ConsumerRecord<String, byte[]> record) {
    metrics.counter("plantline.console.kafka.records", "topic", record.topic()).increment();
    try {
      switch (record.topic()) {
        case Topics.ALARMS -> alarm(Codecs.ALARM_EVENT.decode(record.value()));
        case Topics.DEVICE_STATUS -> status(Codecs.DEVICE_STATUS.decode(record.value()));
        case Topics.WORK_ORDER_EVENTS -> workOrder(Codecs.WORK_ORDER_EVENT.decode(record.value()));
        case Topics.CONSOLE_SESSIONS -> session(Codecs.SESSION_ENDED.decode(record.value()));
        default -> {}
      }
    } catch (RuntimeException e) {
      long n = malformed.merge(record.topic(), 1L, Long::sum);
      metrics.counter("plantline.console.kafka.malformed", "topic", record.topic()).increment();
      if (n <= 10 || n % 1000 == 0) {
        LOG.warn(
            "skipped record {}-{}@{} (key {}): {} ({} so far on this topic)",
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            e.getMessage(),
            n);
      }
    }
  }

  private void alarm(AlarmEvent e) {
    directory.put(e.deviceId(), e.siteId(), e.areaId());
    alarms.apply(e).ifPresent(live::alarm);
  }

  private void session(SessionEnded ended) {
    if (!revocations.end(ended.sessionId(), ended.refuseUntil())) {
      LOG.error(
          "ended-session table full: session {} of {} is not refused on this replica",
          ended.sessionId(),
          ended.username());
    }
  }

  private void status(DeviceStatus s) {
    directory.put(s.deviceId(), s.siteId(), s.areaId());
    live.deviceStatus(s);
  }

  private void workOrder(WorkOrderEvent e) {
    String alarmId = null;
    if (e instanceof WorkOrderOpened o) {
      directory.put(o.assetId(), o.siteId(), null);
      alarmId = o.alarmId();
    } else if (e instanceof WorkOrderOccurrenceAttached a) {
      alarmId = a.alarmId();
    }
    if (alarmId != null) {
      alarms.linkWorkOrder(alarmId, e.workOrderId()).ifPresent(live::alarm);
    }
    String site = directory.get(e.assetId()).map(DeviceDirectory.Place::siteId).orElse(null);
    live.workOrder(e, site);
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
