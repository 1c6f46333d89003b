package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

/**
 * Loads a work order, lets it decide, and appends the events with optimistic concurrency.
 *
 * <p>With an expected version (a client that read the order first), a different current version is
 * a {@link CommandResult.Conflict}. Without one (the Kafka intake), a lost race is retried against
 * the fresh state up to {@link #ATTEMPTS} times, so the command is decided against what actually
 * happened: two concurrent starts give one start and one refusal, never two starts.
 *
 * <p>Alarm clearances: {@link #alarmCleared} records the clearance, then verifies the order the
 * alarm belongs to if it is DONE. Completing an order whose latest alarm has already cleared
 * appends the completion, then the verification. The clearance is recorded before the order is
 * read, and the completion is stored before the clearance is looked up, so whichever of the two
 * comes second sees the other: the order is verified exactly once (the verification's command id
 * comes from the clearance). Thread-safe and blocking: run it off event loops.
 */
public final class WorkOrderCommandHandler {

  /** Attempts per command without an expected version. */
  public static final int ATTEMPTS = 5;

  private final WorkOrderEventStore store;
  private final ActiveCauseIndex causes;
  private final AlarmClearances clearances;

  /** The outcome of one command and the order after it (null when there is no such order). */
  private record Executed(CommandResult result, WorkOrder order) {}

  /**
   * Handles commands against {@code store}, routing repeated alarms through {@code causes} and
   * verifying completed orders whose alarm cleared ({@code clearances}).
   */
  public WorkOrderCommandHandler(
      WorkOrderEventStore store, ActiveCauseIndex causes, AlarmClearances clearances) {
    this.store = Objects.requireNonNull(store, "store");
    this.causes = Objects.requireNonNull(causes, "causes");
    this.clearances = Objects.requireNonNull(clearances, "clearances");
  }

  /** Handles a command from Kafka or REST; {@code expectedVersion} empty means "current". */
  public CommandResult handle(WorkOrderCommand command, OptionalLong expectedVersion) {
    String id = command.workOrderId();
    UUID commandId = command.commandId();
    if (command instanceof OpenWorkOrder open) {
      return open(open);
    } else if (command instanceof AssignWorkOrder c) {
      return execute(commandId, id, expectedVersion, o -> o.assign(c), null).result();
    } else if (command instanceof StartWorkOrder c) {
      return execute(commandId, id, expectedVersion, o -> o.start(c), null).result();
    } else if (command instanceof CompleteWorkOrder c) {
      return verifyIfCleared(execute(commandId, id, expectedVersion, o -> o.complete(c), null));
    } else if (command instanceof CancelWorkOrder c) {
      return execute(commandId, id, expectedVersion, o -> o.cancel(c), null).result();
    }
    throw new IllegalArgumentException("unknown command " + command.getClass().getName());
  }

  /** Adds a note. */
  public CommandResult comment(CommentWorkOrder command, OptionalLong expectedVersion) {
    return execute(
            command.commandId(),
            command.workOrderId(),
            expectedVersion,
            o -> o.comment(command),
            null)
        .result();
  }

  /** Plans (or re-plans) an OPEN or ASSIGNED order into a maintenance window. */
  public CommandResult plan(PlanWorkOrder command, OptionalLong expectedVersion) {
    return execute(
            command.commandId(), command.workOrderId(), expectedVersion, o -> o.plan(command), null)
        .result();
  }

  /** Verifies a DONE order. */
  public CommandResult verify(VerifyWorkOrder command, OptionalLong expectedVersion) {
    return execute(
            command.commandId(),
            command.workOrderId(),
            expectedVersion,
            o -> o.verify(command),
            null)
        .result();
  }

  /**
   * An alarm cleared: records it, and verifies the order it belongs to when that order is DONE and
   * the alarm is its latest. An order still active is verified when it is completed.
   */
  public ClearanceResult alarmCleared(AlarmClearance clearance) {
    clearances.record(clearance);
    Optional<String> target = store.workOrderOfAlarm(clearance.alarmId());
    List<WorkOrderEvent> events = target.map(store::load).orElse(List.of());
    if (events.isEmpty()) {
      return new ClearanceResult.NoWorkOrder(clearance.alarmId());
    }
    String id = target.get();
    WorkOrder order = WorkOrder.replay(events);
    String latest = order.state().latestAlarmId();
    if (!clearance.alarmId().equals(latest)) {
      return new ClearanceResult.NotApplicable(
          id, "alarm " + clearance.alarmId() + " is not the order's latest alarm " + latest);
    }
    if (order.status().isActive()) {
      return new ClearanceResult.AwaitingCompletion(id);
    }
    CommandResult result =
        execute(
                clearance.verifyCommandId(),
                id,
                OptionalLong.empty(),
                o -> o.verify(verification(o, clearance)),
                order)
            .result();
    if (result instanceof CommandResult.Applied a) {
      return new ClearanceResult.Verified(id, a.version());
    } else if (result instanceof CommandResult.Duplicate) {
      return new ClearanceResult.AlreadyVerified(id);
    } else if (result instanceof CommandResult.Refused r) {
      return new ClearanceResult.NotApplicable(id, r.reason());
    }
    throw new IllegalStateException("verification of " + id + " kept losing races: " + result);
  }

  private CommandResult open(OpenWorkOrder command) {
    if (command.alarmId() != null) {
      // only an alarm can take effect on another order (attached); the log says which
      Optional<String> done = store.commandTarget(command.commandId());
      if (done.isPresent()) {
        return new CommandResult.Duplicate(done.get());
      }
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<WorkOrderEvent> own = store.load(command.workOrderId());
      if (!own.isEmpty()) {
        return settle(command.workOrderId(), WorkOrder.replay(own).openAgain(command));
      }
      if (command.alarmId() != null) {
        Optional<String> holder =
            causes.claim(command.assetId(), command.ruleId(), command.workOrderId());
        if (holder.isPresent()) {
          List<WorkOrderEvent> held = store.load(holder.get());
          Optional<WorkOrder> active =
              held.isEmpty() ? Optional.empty() : Optional.of(WorkOrder.replay(held));
          if (OccurrenceRouting.route(command, active) instanceof OccurrenceRouting.AttachTo) {
            CommandResult attached =
                execute(
                        command.commandId(),
                        holder.get(),
                        OptionalLong.empty(),
                        o -> o.attachOccurrence(command),
                        active.get())
                    .result();
            if (attached instanceof CommandResult.Applied) {
              store.recordCommand(command.commandId(), holder.get());
            }
            return attached;
          }
          if (!causes.replace(
              command.assetId(), command.ruleId(), holder.get(), command.workOrderId())) {
            continue;
          }
        }
      }
      List<WorkOrderEvent> events = ((Outcome.Applied) WorkOrder.open(command)).events();
      if (store.append(command.workOrderId(), 0, events)) {
        return new CommandResult.Applied(command.workOrderId(), 1, events);
      }
    }
    return new CommandResult.Conflict(command.workOrderId(), 0, -1);
  }

  /**
   * Decides and appends; {@code known} is the order as just read or written by the caller (saves a
   * read on the first attempt), or null.
   */
  private Executed execute(
      UUID commandId,
      String workOrderId,
      OptionalLong expectedVersion,
      Function<WorkOrder, Outcome> decision,
      WorkOrder known) {
    int attempts = expectedVersion.isPresent() ? 1 : ATTEMPTS;
    long lastSeen = -1;
    WorkOrder order = known;
    for (int attempt = 0; attempt < attempts; attempt++) {
      if (order == null) {
        List<WorkOrderEvent> events = store.load(workOrderId);
        if (events.isEmpty()) {
          return new Executed(new CommandResult.NotFound(workOrderId), null);
        }
        order = WorkOrder.replay(events);
      }
      lastSeen = order.version();
      Outcome outcome = decision.apply(order);
      if (!(outcome instanceof Outcome.Applied applied)) {
        return new Executed(settle(workOrderId, outcome), order);
      }
      if (expectedVersion.isPresent() && expectedVersion.getAsLong() != order.version()) {
        return new Executed(
            new CommandResult.Conflict(workOrderId, expectedVersion.getAsLong(), order.version()),
            order);
      }
      if (store.append(workOrderId, order.version(), applied.events())) {
        boolean wasActive = order.status().isActive();
        applied.events().forEach(order::apply);
        if (wasActive) {
          releaseCauseIfClosed(order);
        }
        return new Executed(
            new CommandResult.Applied(workOrderId, order.version(), applied.events()), order);
      }
      lastSeen = order.version() + 1;
      order = null;
    }
    long expected = expectedVersion.orElse(lastSeen - 1);
    return new Executed(
        new CommandResult.Conflict(workOrderId, expected, currentVersion(workOrderId)), null);
  }

  /**
   * After a completion (or its redelivery): if the order is DONE and its latest alarm has cleared,
   * verifies it and returns the completion's and the verification's events together.
   */
  private CommandResult verifyIfCleared(Executed completed) {
    WorkOrder order = completed.order();
    CommandResult result = completed.result();
    boolean settled =
        result instanceof CommandResult.Applied || result instanceof CommandResult.Duplicate;
    if (!settled || order == null || order.status() != WorkOrderStatus.DONE) {
      return result;
    }
    String alarmId = order.state().latestAlarmId();
    Optional<AlarmClearance> cleared =
        alarmId == null ? Optional.empty() : clearances.find(alarmId);
    if (cleared.isEmpty()) {
      return result;
    }
    CommandResult verified =
        execute(
                cleared.get().verifyCommandId(),
                order.id(),
                OptionalLong.empty(),
                o -> o.verify(verification(o, cleared.get())),
                order)
            .result();
    if (!(verified instanceof CommandResult.Applied v)) {
      return result;
    }
    List<WorkOrderEvent> events = new ArrayList<>();
    if (result instanceof CommandResult.Applied c) {
      events.addAll(c.events());
    }
    events.addAll(v.events());
    return new CommandResult.Applied(order.id(), v.version(), events);
  }

  /** The verification a clearance causes; it happens no earlier than the completion. */
  private static VerifyWorkOrder verification(WorkOrder order, AlarmClearance clearance) {
    Instant completedAt = order.state().completedAt();
    Instant at =
        completedAt != null && completedAt.isAfter(clearance.clearedAt())
            ? completedAt
            : clearance.clearedAt();
    return new VerifyWorkOrder(clearance.verifyCommandId(), order.id(), clearance.alarmId(), at);
  }

  private long currentVersion(String workOrderId) {
    List<WorkOrderEvent> events = store.load(workOrderId);
    return events.isEmpty() ? 0 : events.get(events.size() - 1).version();
  }

  private void releaseCauseIfClosed(WorkOrder order) {
    WorkOrderState state = order.state();
    if (!state.status().isActive() && state.ruleId() != null) {
      causes.release(state.assetId(), state.ruleId(), state.workOrderId());
    }
  }

  private static CommandResult settle(String workOrderId, Outcome outcome) {
    if (outcome instanceof Outcome.AlreadyApplied) {
      return new CommandResult.Duplicate(workOrderId);
    } else if (outcome instanceof Outcome.Refused r) {
      return new CommandResult.Refused(workOrderId, r.reason());
    }
    throw new IllegalStateException("applied outcome not stored");
  }
}
