package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.WorkOrderAssigned;
import io.plantline.contracts.workorder.WorkOrderCancelled;
import io.plantline.contracts.workorder.WorkOrderCommented;
import io.plantline.contracts.workorder.WorkOrderCompleted;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPlanned;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.contracts.workorder.WorkOrderStarted;
import io.plantline.contracts.workorder.WorkOrderVerified;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of a work order.
 *
 * @param workOrderId the work order
 * @param siteId site of the asset
 * @param assetId the asset (device)
 * @param priority how soon the work is due
 * @param ruleId rule of the causing alarm, or null for an order opened by hand
 * @param alarmIds every alarm the order stands for, first the causing one; empty when by hand
 * @param reason what is to be done and why
 * @param status life-cycle status
 * @param assignee current technician, or null
 * @param version number of events
 * @param openedAt when the order was opened
 * @param lastSeen when its latest alarm was raised (equals openedAt without repeats)
 * @param occurrences how many alarms the order stands for (1 when opened by hand)
 * @param startedAt when work started, or null
 * @param completedAt when work was done, or null
 * @param closedAt when it was cancelled or verified, or null
 * @param completionNotes what was done, or null
 * @param cancelReason why it was cancelled, or null
 * @param notes comments, oldest first
 * @param evidence figures behind the causing alarm, sorted by key; empty when opened by hand
 * @param plannedStart start of the planned maintenance window, or null when not planned
 * @param plannedEnd end of the planned maintenance window, or null when not planned
 */
public record WorkOrderState(
    String workOrderId,
    String siteId,
    String assetId,
    WorkOrderPriority priority,
    String ruleId,
    List<String> alarmIds,
    String reason,
    WorkOrderStatus status,
    String assignee,
    long version,
    Instant openedAt,
    Instant lastSeen,
    int occurrences,
    Instant startedAt,
    Instant completedAt,
    Instant closedAt,
    String completionNotes,
    String cancelReason,
    List<Note> notes,
    Map<String, Double> evidence,
    Instant plannedStart,
    Instant plannedEnd) {

  /** Copies the lists and the evidence (sorted by key). */
  public WorkOrderState {
    alarmIds = List.copyOf(alarmIds);
    notes = List.copyOf(notes);
    evidence = Collections.unmodifiableSortedMap(new TreeMap<>(evidence));
  }

  /** The alarm whose clearance verifies the order: the latest attached, or null when by hand. */
  public String latestAlarmId() {
    return alarmIds.isEmpty() ? null : alarmIds.get(alarmIds.size() - 1);
  }

  /**
   * A comment on a work order.
   *
   * @param author user id
   * @param text the note
   * @param at when it was written
   */
  public record Note(String author, String text, Instant at) {}

  static Builder builder(WorkOrderOpened opened) {
    return new Builder(opened);
  }

  /** Mutable state folded from events, owned by one {@link WorkOrder}. */
  static final class Builder {
    final String workOrderId;
    final String siteId;
    final String assetId;
    final WorkOrderPriority priority;
    final String ruleId;
    final List<String> alarmIds = new ArrayList<>();
    final String reason;
    final Map<String, Double> evidence;
    final Instant openedAt;
    String lastAlarmId;
    WorkOrderStatus status = WorkOrderStatus.OPEN;
    String assignee;
    long version = 1;
    Instant lastSeen;
    int occurrences = 1;
    Instant startedAt;
    Instant completedAt;
    Instant closedAt;
    String completionNotes;
    String cancelReason;
    Instant plannedStart;
    Instant plannedEnd;
    final List<Note> notes = new ArrayList<>();

    private Builder(WorkOrderOpened opened) {
      workOrderId = opened.workOrderId();
      siteId = opened.siteId();
      assetId = opened.assetId();
      priority = opened.priority();
      ruleId = opened.ruleId();
      reason = opened.reason();
      evidence = opened.evidence();
      openedAt = opened.occurredAt();
      lastSeen = opened.occurredAt();
      lastAlarmId = opened.alarmId();
      if (opened.alarmId() != null) {
        alarmIds.add(opened.alarmId());
      }
    }

    void apply(WorkOrderEvent event) {
      version = event.version();
      if (event instanceof WorkOrderOccurrenceAttached attached) {
        occurrences = attached.occurrences();
        alarmIds.add(attached.alarmId());
        lastAlarmId = attached.alarmId();
        if (attached.occurredAt().isAfter(lastSeen)) {
          lastSeen = attached.occurredAt();
        }
      } else if (event instanceof WorkOrderAssigned assigned) {
        assignee = assigned.assignee();
        status = WorkOrderStatus.ASSIGNED;
      } else if (event instanceof WorkOrderStarted started) {
        startedAt = started.occurredAt();
        status = WorkOrderStatus.IN_PROGRESS;
      } else if (event instanceof WorkOrderCompleted completed) {
        completedAt = completed.occurredAt();
        completionNotes = completed.notes();
        status = WorkOrderStatus.DONE;
      } else if (event instanceof WorkOrderCancelled cancelled) {
        closedAt = cancelled.occurredAt();
        cancelReason = cancelled.reason();
        status = WorkOrderStatus.CANCELLED;
      } else if (event instanceof WorkOrderVerified verified) {
        closedAt = verified.occurredAt();
        status = WorkOrderStatus.VERIFIED;
      } else if (event instanceof WorkOrderPlanned planned) {
        plannedStart = planned.plannedStart();
        plannedEnd = planned.plannedEnd();
      } else if (event instanceof WorkOrderCommented commented) {
        notes.add(new Note(commented.author(), commented.text(), commented.occurredAt()));
      } else if (event instanceof WorkOrderOpened) {
        throw new IllegalArgumentException("a work order is opened only once");
      }
    }

    WorkOrderState build() {
      return new WorkOrderState(
          workOrderId,
          siteId,
          assetId,
          priority,
          ruleId,
          alarmIds,
          reason,
          status,
          assignee,
          version,
          openedAt,
          lastSeen,
          occurrences,
          startedAt,
          completedAt,
          closedAt,
          completionNotes,
          cancelReason,
          notes,
          evidence,
          plannedStart,
          plannedEnd);
    }
  }
}
