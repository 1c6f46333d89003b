package io.plantline.quality.adapter.out.kafka;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.codec.Codecs;
import io.plantline.contracts.quality.QualityEvent;
import io.plantline.contracts.quality.QualityEventKind;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.quality.domain.Characteristic;
import io.plantline.quality.domain.ChartPoint;
import io.plantline.quality.domain.ChartUpdate;
import io.plantline.quality.domain.ReadingSource;
import io.plantline.quality.domain.Rule;
import io.plantline.quality.domain.Violation;
import io.plantline.quality.domain.ViolationSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes rule transitions, all keyed by device id, and waits for the acknowledgements: a {@link
 * QualityEvent} on {@code quality.events.v1}, an {@link AlarmEvent} (RAISED or CLEARED, the shape
 * stream-processing's alarms have) on {@code alarms.v1}, and for a raised alarm at or above the
 * work-order severity an {@link OpenWorkOrder} on {@code workorder.commands.v1} with the point's
 * figures as evidence (as stream-processing's WorkOrderIssuer does).
 *
 * <p>Every id is name-based: the alarm id from (characteristic, rule, subgroup the occurrence was
 * raised at), so RAISED and CLEARED share it even across a restart; event, work-order and command
 * ids from the alarm id. A republish after a crash repeats the same ids, which consumers dedup.
 * WE1, DISPERSION, EWMA and CUSUM signals are HIGH, the other run rules MEDIUM.
 */
public final class KafkaViolationSink implements ViolationSink {
  private final Producer<String, byte[]> producer;
  private final SinkTopics topics;
  private final AlarmSeverity workOrderMinSeverity;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong workOrders = new AtomicLong();

  /** The three topics this sink writes to. */
  public record SinkTopics(String qualityEvents, String alarms, String workOrderCommands) {
    /** The contract topics. */
    public static final SinkTopics CONTRACT =
        new SinkTopics(
            io.plantline.contracts.topic.Topics.QUALITY_EVENTS,
            io.plantline.contracts.topic.Topics.ALARMS,
            io.plantline.contracts.topic.Topics.WORK_ORDER_COMMANDS);
  }

  /**
   * A sink.
   *
   * @param producer an idempotent producer with acks=all
   * @param topics where to write
   * @param workOrderMinSeverity raised alarms at or above it open a work order
   */
  public KafkaViolationSink(
      Producer<String, byte[]> producer, SinkTopics topics, AlarmSeverity workOrderMinSeverity) {
    this.producer = producer;
    this.topics = topics;
    this.workOrderMinSeverity = workOrderMinSeverity;
  }

  /** Rule transitions sent and acknowledged since start. */
  public long publishedCount() {
    return published.get();
  }

  /** Work-order commands sent and acknowledged since start. */
  public long workOrderCount() {
    return workOrders.get();
  }

  @Override
  public void publish(Characteristic c, ReadingSource source, ChartUpdate update) {
    ChartPoint point = update.point();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    int orders = 0;
    for (Violation v : update.raised()) {
      String alarmId = alarmId(c, v.rule(), update.raisedAt().get(v.rule()));
      AlarmEvent alarm = alarm(c, source, point, v.rule(), alarmId, AlarmState.RAISED);
      QualityEvent event =
          event(
              c,
              source,
              point,
              v.rule(),
              v.subgroups(),
              alarmId,
              QualityEventKind.VIOLATION_RAISED);
      sent.add(send(topics.qualityEvents(), source, Codecs.QUALITY_EVENT.encode(event)));
      sent.add(send(topics.alarms(), source, Codecs.ALARM_EVENT.encode(alarm)));
      if (alarm.severity().compareTo(workOrderMinSeverity) >= 0) {
        OpenWorkOrder open = workOrder(c, alarm);
        sent.add(send(topics.workOrderCommands(), source, Codecs.WORK_ORDER_COMMAND.encode(open)));
        orders++;
      }
    }
    for (Rule rule : update.cleared()) {
      String alarmId = alarmId(c, rule, update.raisedAt().get(rule));
      AlarmEvent alarm = alarm(c, source, point, rule, alarmId, AlarmState.CLEARED);
      QualityEvent event =
          event(c, source, point, rule, List.of(), alarmId, QualityEventKind.VIOLATION_CLEARED);
      sent.add(send(topics.qualityEvents(), source, Codecs.QUALITY_EVENT.encode(event)));
      sent.add(send(topics.alarms(), source, Codecs.ALARM_EVENT.encode(alarm)));
    }
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("publishing a quality event failed: " + e, e);
      }
    }
    published.addAndGet(update.raised().size() + update.cleared().size());
    workOrders.addAndGet(orders);
  }

  private Future<RecordMetadata> send(String topic, ReadingSource source, byte[] value) {
    return producer.send(new ProducerRecord<>(topic, source.deviceId(), value));
  }

  private static QualityEvent event(
      Characteristic c,
      ReadingSource source,
      ChartPoint point,
      Rule rule,
      List<Long> pattern,
      String alarmId,
      QualityEventKind kind) {
    return new QualityEvent(
        uuid("quality-event/" + alarmId + "/" + kind),
        QualityEvent.SCHEMA_VERSION,
        kind,
        c.id(),
        source.deviceId(),
        source.siteId(),
        source.areaId(),
        c.metric(),
        rule.name(),
        c.chart().name(),
        alarmId,
        Math.max(1, point.limitVersion()),
        point.number(),
        pattern,
        point.at(),
        message(c, rule, kind == QualityEventKind.VIOLATION_CLEARED),
        figures(point));
  }

  private static AlarmEvent alarm(
      Characteristic c,
      ReadingSource source,
      ChartPoint point,
      Rule rule,
      String alarmId,
      AlarmState state) {
    Map<String, Double> evidence = new TreeMap<>(figures(point));
    evidence.put("subgroup", (double) point.number());
    evidence.put("limit.version", (double) point.limitVersion());
    return new AlarmEvent(
        uuid("alarm-event/" + alarmId + "/" + state),
        AlarmEvent.SCHEMA_VERSION,
        alarmId,
        source.deviceId(),
        source.siteId(),
        source.areaId(),
        ruleId(rule),
        severity(rule),
        state,
        point.at(),
        message(c, rule, state == AlarmState.CLEARED),
        evidence);
  }

  private static OpenWorkOrder workOrder(Characteristic c, AlarmEvent alarm) {
    StringBuilder reason =
        new StringBuilder("Inspect the process of ")
            .append(alarm.deviceId())
            .append(" (")
            .append(alarm.ruleId())
            .append(", ")
            .append(alarm.severity())
            .append("): ")
            .append(alarm.message())
            .append("\nEvidence:");
    alarm.evidence().forEach((k, v) -> reason.append(' ').append(k).append('=').append(v));
    return new OpenWorkOrder(
        uuid("open-work-order/" + alarm.alarmId()),
        WorkOrderCommand.SCHEMA_VERSION,
        "wo-" + uuid("work-order/" + alarm.alarmId()),
        alarm.siteId(),
        alarm.deviceId(),
        priority(alarm.severity()),
        alarm.alarmId(),
        alarm.ruleId(),
        reason.length() > 2000 ? reason.substring(0, 2000) : reason.toString(),
        alarm.evidence(),
        alarm.occurredAt());
  }

  /** The plotted value and, where the chart has them at this point, its limits. */
  private static Map<String, Double> figures(ChartPoint point) {
    Map<String, Double> figures = new TreeMap<>();
    figures.put("value", point.value());
    if (point.limits() != null) {
      putFinite(figures, "cl", point.limits().center());
      putFinite(figures, "ucl", point.limits().upper());
      putFinite(figures, "lcl", point.limits().lower());
    }
    return figures;
  }

  private static void putFinite(Map<String, Double> figures, String key, double value) {
    if (Double.isFinite(value)) {
      figures.put(key, value);
    }
  }

  private static String message(Characteristic c, Rule rule, boolean cleared) {
    return c.id() + ": " + rule + " " + rule.description() + (cleared ? " (cleared)" : "");
  }

  /** The alarm's rule id: {@code spc.} and the rule, e.g. {@code spc.WE1}. */
  public static String ruleId(Rule rule) {
    return "spc." + rule.name();
  }

  static AlarmSeverity severity(Rule rule) {
    return switch (rule) {
      case WE1, DISPERSION, EWMA_LIMIT, CUSUM_UP, CUSUM_DOWN -> AlarmSeverity.HIGH;
      default -> AlarmSeverity.MEDIUM;
    };
  }

  static WorkOrderPriority priority(AlarmSeverity severity) {
    return switch (severity) {
      case LOW -> WorkOrderPriority.LOW;
      case MEDIUM -> WorkOrderPriority.MEDIUM;
      case HIGH -> WorkOrderPriority.HIGH;
      case CRITICAL -> WorkOrderPriority.URGENT;
    };
  }

  /** The alarm of the occurrence of {@code rule} raised at {@code raisedAt}. */
  public static String alarmId(Characteristic c, Rule rule, long raisedAt) {
    return "spc-" + uuid("spc-alarm/" + c.id() + "/" + rule.name() + "/" + raisedAt);
  }

  private static UUID uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
