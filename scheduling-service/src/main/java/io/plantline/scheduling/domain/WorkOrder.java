package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderAssigned;
import io.plantline.contracts.workorder.WorkOrderCancelled;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderCommented;
import io.plantline.contracts.workorder.WorkOrderCompleted;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPlanned;
import io.plantline.contracts.workorder.WorkOrderStarted;
import io.plantline.contracts.workorder.WorkOrderVerified;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The maintenance work-order aggregate, rebuilt from its events.
 *
 * <p>Decision methods never change the aggregate: they return an {@link Outcome} whose events the
 * caller stores and then {@link #apply applies}. Every command is idempotent on its command id: a
 * command id already in the stream yields {@link Outcome.AlreadyApplied}. Event ids are derived
 * from (command id, work order id), and event times are the command's issue time, so deciding the
 * same command twice yields identical events.
 */
public final class WorkOrder {

  private final WorkOrderState.Builder state;
  private final Set<UUID> commandIds = new HashSet<>();

  private WorkOrder(WorkOrderOpened opened) {
    this.state = WorkOrderState.builder(opened);
    commandIds.add(opened.commandId());
  }

  /** Rebuilds a work order from its events, oldest first; the first must be the opening event. */
  public static WorkOrder replay(List<WorkOrderEvent> events) {
    if (events.isEmpty() || !(events.get(0) instanceof WorkOrderOpened opened)) {
      throw new IllegalArgumentException("a work order stream starts with WorkOrderOpened");
    }
    WorkOrder order = new WorkOrder(opened);
    events.subList(1, events.size()).forEach(order::apply);
    return order;
  }

  /** Decides the opening of a new work order. */
  public static Outcome open(OpenWorkOrder command) {
    return new Outcome.Applied(
        List.of(
            new WorkOrderOpened(
                eventId(command.commandId(), command.workOrderId()),
                WorkOrderEvent.SCHEMA_VERSION,
                command.workOrderId(),
                command.assetId(),
                1,
                command.issuedAt(),
                command.commandId(),
                command.siteId(),
                command.priority(),
                command.alarmId(),
                command.ruleId(),
                command.reason(),
                command.evidence())));
  }

  /** An open command for an id that already exists: a redelivery, or refused. */
  public Outcome openAgain(OpenWorkOrder command) {
    if (commandIds.contains(command.commandId())) {
      return new Outcome.AlreadyApplied(version());
    }
    return new Outcome.Refused("work order " + id() + " already exists");
  }

  /**
   * Attaches a repeated alarm of the same asset and rule to this active work order: the occurrence
   * count goes up and "last seen" moves to the alarm's time.
   */
  public Outcome attachOccurrence(OpenWorkOrder repeated) {
    return decide(
        repeated.commandId(),
        repeated.assetId(),
        () -> {
          if (repeated.alarmId() == null) {
            return "only an alarm can be attached; the command names no alarmId";
          }
          if (!Objects.equals(repeated.ruleId(), state.ruleId)) {
            return "alarm rule " + repeated.ruleId() + " differs from the order's " + state.ruleId;
          }
          return requireActive("attach an alarm occurrence");
        },
        v ->
            new WorkOrderOccurrenceAttached(
                eventId(repeated.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                repeated.issuedAt(),
                repeated.commandId(),
                repeated.alarmId(),
                state.occurrences + 1));
  }

  /** Assigns (or reassigns) the order to a technician; allowed while OPEN or ASSIGNED. */
  public Outcome assign(AssignWorkOrder command) {
    return decide(
        command,
        () -> requireStatus("assign", WorkOrderStatus.OPEN, WorkOrderStatus.ASSIGNED),
        v ->
            new WorkOrderAssigned(
                eventId(command.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                command.issuedAt(),
                command.commandId(),
                command.assignee()));
  }

  /** Starts the work; allowed only once ASSIGNED. */
  public Outcome start(StartWorkOrder command) {
    return decide(
        command,
        () -> requireStatus("start", WorkOrderStatus.ASSIGNED),
        v ->
            new WorkOrderStarted(
                eventId(command.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                command.issuedAt(),
                command.commandId()));
  }

  /** Completes the work; allowed only while IN_PROGRESS. */
  public Outcome complete(CompleteWorkOrder command) {
    return decide(
        command,
        () -> requireStatus("complete", WorkOrderStatus.IN_PROGRESS),
        v ->
            new WorkOrderCompleted(
                eventId(command.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                command.issuedAt(),
                command.commandId(),
                command.notes()));
  }

  /** Cancels the order; allowed while it is active (before DONE). */
  public Outcome cancel(CancelWorkOrder command) {
    return decide(
        command,
        () -> requireActive("cancel"),
        v ->
            new WorkOrderCancelled(
                eventId(command.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                command.issuedAt(),
                command.commandId(),
                command.reason()));
  }

  /**
   * Plans the work into a maintenance window; allowed while OPEN or ASSIGNED, and again to move the
   * window (the latest plan counts).
   */
  public Outcome plan(PlanWorkOrder command) {
    return decide(
        command.commandId(),
        assetId(),
        () -> requireStatus("plan", WorkOrderStatus.OPEN, WorkOrderStatus.ASSIGNED),
        v ->
            new WorkOrderPlanned(
                eventId(command.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                command.issuedAt(),
                command.commandId(),
                command.plannedStart(),
                command.plannedEnd()));
  }

  /** Adds a note; allowed in every state, including closed ones (post-mortems). */
  public Outcome comment(CommentWorkOrder command) {
    return decide(
        command.commandId(),
        assetId(),
        () -> null,
        v ->
            new WorkOrderCommented(
                eventId(command.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                command.issuedAt(),
                command.commandId(),
                command.author(),
                command.text()));
  }

  /**
   * Verifies a DONE order. An order caused by an alarm is verified when its latest alarm clears; an
   * order opened by hand is verified by a confirmation without an alarm.
   */
  public Outcome verify(VerifyWorkOrder command) {
    return decide(
        command.commandId(),
        assetId(),
        () -> {
          String status = requireStatus("verify", WorkOrderStatus.DONE);
          if (status != null) {
            return status;
          }
          String cause = state.lastAlarmId;
          if (cause != null && !cause.equals(command.clearedAlarmId())) {
            return "work order "
                + id()
                + " is verified when its alarm "
                + cause
                + " clears, not by "
                + (command.clearedAlarmId() == null ? "hand" : command.clearedAlarmId());
          }
          if (cause == null && command.clearedAlarmId() != null) {
            return "work order " + id() + " was opened by hand: it has no alarm to clear";
          }
          return null;
        },
        v ->
            new WorkOrderVerified(
                eventId(command.commandId(), id()),
                WorkOrderEvent.SCHEMA_VERSION,
                id(),
                assetId(),
                v,
                command.issuedAt(),
                command.commandId(),
                command.clearedAlarmId()));
  }

  /** Applies a stored event; its version must be the next one. */
  public void apply(WorkOrderEvent event) {
    if (!event.workOrderId().equals(id())) {
      throw new IllegalArgumentException(
          "event of work order " + event.workOrderId() + " applied to " + id());
    }
    if (event.version() != version() + 1) {
      throw new IllegalArgumentException(
          "event version " + event.version() + " does not follow " + version());
    }
    state.apply(event);
    commandIds.add(event.commandId());
  }

  /** A snapshot of the current state. */
  public WorkOrderState state() {
    return state.build();
  }

  /** The work order id. */
  public String id() {
    return state.workOrderId;
  }

  /** The asset (device) of the order. */
  public String assetId() {
    return state.assetId;
  }

  /** The version: the number of events so far. */
  public long version() {
    return state.version;
  }

  /** The current status. */
  public WorkOrderStatus status() {
    return state.status;
  }

  /** The event id that command {@code commandId} yields on work order {@code workOrderId}. */
  public static UUID eventId(UUID commandId, String workOrderId) {
    return UUID.nameUUIDFromBytes(
        ("workorder-event/" + commandId + "/" + workOrderId).getBytes(StandardCharsets.UTF_8));
  }

  private Outcome decide(
      WorkOrderCommand command,
      java.util.function.Supplier<String> refusal,
      LongFunction<WorkOrderEvent> event) {
    return decide(command.commandId(), command.assetId(), refusal, event);
  }

  private Outcome decide(
      UUID commandId,
      String commandAssetId,
      java.util.function.Supplier<String> refusal,
      LongFunction<WorkOrderEvent> event) {
    if (commandIds.contains(commandId)) {
      return new Outcome.AlreadyApplied(version());
    }
    if (!assetId().equals(commandAssetId)) {
      return new Outcome.Refused(
          "work order " + id() + " is for asset " + assetId() + ", not " + commandAssetId);
    }
    String reason = refusal.get();
    if (reason != null) {
      return new Outcome.Refused(reason);
    }
    return new Outcome.Applied(List.of(event.apply(version() + 1)));
  }

  private String requireActive(String action) {
    return status().isActive() ? null : cannot(action);
  }

  private String requireStatus(String action, WorkOrderStatus... allowed) {
    for (WorkOrderStatus s : allowed) {
      if (status() == s) {
        return null;
      }
    }
    return cannot(action) + " (allowed from " + List.of(allowed) + ")";
  }

  private String cannot(String action) {
    return "cannot " + action + " work order " + id() + " in status " + status();
  }
}
