package io.plantline.console.domain;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The current alarms, latest state per alarm id, built from {@code alarms.v1} and the alarm ids of
 * work-order events. Bounded: past {@code maxAlarms}, cleared alarms are forgotten first (oldest
 * update first), then the oldest others. An event older than the alarm's latest one (a replay) or
 * with the same event id is ignored. Thread-safe.
 */
public final class AlarmBook {
  /** Order of lists: most severe first, then newest raise first. */
  public static final Comparator<AlarmView> LIST_ORDER =
      Comparator.comparing(AlarmView::severity)
          .reversed()
          .thenComparing(AlarmView::raisedAt, Comparator.reverseOrder())
          .thenComparing(AlarmView::alarmId);

  private final int maxAlarms;
  private final Map<String, AlarmView> alarms = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> pendingLinks = new LinkedHashMap<>();

  /** A book of at most {@code maxAlarms} alarms. */
  public AlarmBook(int maxAlarms) {
    if (maxAlarms < 10) {
      throw new IllegalArgumentException("maxAlarms must be at least 10");
    }
    this.maxAlarms = maxAlarms;
  }

  /** Applies an event; returns the alarm's new view, or empty when the event changed nothing. */
  public synchronized Optional<AlarmView> apply(AlarmEvent e) {
    AlarmView old = alarms.get(e.alarmId());
    if (old != null
        && (e.eventId().equals(old.lastEventId()) || e.occurredAt().isBefore(old.updatedAt()))) {
      return Optional.empty();
    }
    String workOrder = old != null ? old.workOrderId() : pendingLinks.remove(e.alarmId());
    AlarmView view =
        new AlarmView(
            e.alarmId(),
            e.deviceId(),
            e.siteId(),
            e.areaId(),
            e.ruleId(),
            e.severity(),
            e.state(),
            old != null ? old.raisedAt() : e.occurredAt(),
            e.occurredAt(),
            old == null || e.state() == AlarmState.RAISED ? e.message() : old.message(),
            e.message(),
            e.evidence().isEmpty() && old != null ? old.evidence() : e.evidence(),
            e.state() == AlarmState.ACKNOWLEDGED || (old != null && old.acknowledged()),
            workOrder,
            e.eventId());
    alarms.put(e.alarmId(), view);
    if (alarms.size() > maxAlarms) {
      evict();
    }
    return Optional.of(view);
  }

  /**
   * Records that {@code workOrderId} was opened for (or attached) {@code alarmId}; returns the
   * alarm's new view if the alarm is known.
   */
  public synchronized Optional<AlarmView> linkWorkOrder(String alarmId, String workOrderId) {
    AlarmView old = alarms.get(alarmId);
    if (old == null) {
      pendingLinks.put(alarmId, workOrderId);
      if (pendingLinks.size() > maxAlarms) {
        pendingLinks.remove(pendingLinks.keySet().iterator().next());
      }
      return Optional.empty();
    }
    if (workOrderId.equals(old.workOrderId())) {
      return Optional.empty();
    }
    AlarmView view = old.withWorkOrder(workOrderId);
    alarms.put(alarmId, view);
    return Optional.of(view);
  }

  /** The alarm, if known. */
  public synchronized Optional<AlarmView> get(String alarmId) {
    return Optional.ofNullable(alarms.get(alarmId));
  }

  /** The alarms that pass {@code filter}, in {@link #LIST_ORDER}, at most {@code limit}. */
  public synchronized List<AlarmView> list(Predicate<AlarmView> filter, int limit) {
    List<AlarmView> out = new ArrayList<>();
    for (AlarmView v : alarms.values()) {
      if (filter.test(v)) {
        out.add(v);
      }
    }
    out.sort(LIST_ORDER);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /** Number of alarms kept. */
  public synchronized int size() {
    return alarms.size();
  }

  private void evict() {
    int target = maxAlarms - maxAlarms / 10;
    List<AlarmView> byAge = new ArrayList<>(alarms.values());
    byAge.sort(
        Comparator.comparing((AlarmView v) -> v.active())
            .thenComparing(AlarmView::updatedAt)); // cleared (false) first, oldest first
    for (AlarmView v : byAge) {
      if (alarms.size() <= target) {
        break;
      }
      alarms.remove(v.alarmId());
    }
  }
}
