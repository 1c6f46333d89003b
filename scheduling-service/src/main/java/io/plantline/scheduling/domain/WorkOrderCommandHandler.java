package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCommand;
import io.plantline.contracts.workorder.WorkOrderEvent;
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
 * happened: two concurrent starts give one start and one refusal, never two starts. Blocking: run
 * it off event loops.
 */
public final class WorkOrderCommandHandler {

  /** Attempts per command without an expected version. */
  public static final int ATTEMPTS = 5;

  private final WorkOrderEventStore store;
  private final ActiveCauseIndex causes;

  /** Handles commands against {@code store}, routing repeated alarms through {@code causes}. */
  public WorkOrderCommandHandler(WorkOrderEventStore store, ActiveCauseIndex causes) {
    this.store = Objects.requireNonNull(store, "store");
    this.causes = Objects.requireNonNull(causes, "causes");
  }

  /** Handles a command from Kafka or REST; {@code expectedVersion} empty means "current". */
  public CommandResult handle(WorkOrderCommand command, OptionalLong expectedVersion) {
    Optional<String> done = store.commandTarget(command.commandId());
    if (done.isPresent()) {
      return new CommandResult.Duplicate(done.get());
    }
    String id = command.workOrderId();
    UUID commandId = command.commandId();
    if (command instanceof OpenWorkOrder open) {
      return open(open);
    } else if (command instanceof AssignWorkOrder c) {
      return execute(commandId, id, expectedVersion, o -> o.assign(c));
    } else if (command instanceof StartWorkOrder c) {
      return execute(commandId, id, expectedVersion, o -> o.start(c));
    } else if (command instanceof CompleteWorkOrder c) {
      return execute(commandId, id, expectedVersion, o -> o.complete(c));
    } else if (command instanceof CancelWorkOrder c) {
      return execute(commandId, id, expectedVersion, o -> o.cancel(c));
    }
    throw new IllegalArgumentException("unknown command " + command.getClass().getName());
  }

  /** Adds a note. */
  public CommandResult comment(CommentWorkOrder command, OptionalLong expectedVersion) {
    return execute(
        command.commandId(), command.workOrderId(), expectedVersion, o -> o.comment(command));
  }

  /** Plans (or re-plans) an OPEN or ASSIGNED order into a maintenance window. */
  public CommandResult plan(PlanWorkOrder command, OptionalLong expectedVersion) {
    return execute(
        command.commandId(), command.workOrderId(), expectedVersion, o -> o.plan(command));
  }

  /** Verifies a DONE order. */
  public CommandResult verify(VerifyWorkOrder command, OptionalLong expectedVersion) {
    return execute(
        command.commandId(), command.workOrderId(), expectedVersion, o -> o.verify(command));
  }

  private CommandResult open(OpenWorkOrder command) {
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
            return execute(
                command.commandId(),
                holder.get(),
                OptionalLong.empty(),
                o -> o.attachOccurrence(command));
          }
          if (!causes.replace(
              command.assetId(), command.ruleId(), holder.get(), command.workOrderId())) {
            continue;
          }
        }
      }
      Outcome opened = WorkOrder.open(command);
      List<WorkOrderEvent> events = ((Outcome.Applied) opened).events();
      if (store.append(command.workOrderId(), 0, events)) {
        store.recordCommand(command.commandId(), command.workOrderId());
        return new CommandResult.Applied(command.workOrderId(), 1, events);
      }
    }
    return new CommandResult.Conflict(command.workOrderId(), 0, -1);
  }

  private CommandResult execute(
      UUID commandId,
      String workOrderId,
      OptionalLong expectedVersion,
      Function<WorkOrder, Outcome> decision) {
    int attempts = expectedVersion.isPresent() ? 1 : ATTEMPTS;
    long lastSeen = -1;
    for (int attempt = 0; attempt < attempts; attempt++) {
      List<WorkOrderEvent> events = store.load(workOrderId);
      if (events.isEmpty()) {
        return new CommandResult.NotFound(workOrderId);
      }
      WorkOrder order = WorkOrder.replay(events);
      lastSeen = order.version();
      Outcome outcome = decision.apply(order);
      if (!(outcome instanceof Outcome.Applied applied)) {
        return settle(workOrderId, outcome);
      }
      if (expectedVersion.isPresent() && expectedVersion.getAsLong() != order.version()) {
        return new CommandResult.Conflict(
            workOrderId, expectedVersion.getAsLong(), order.version());
      }
      if (store.append(workOrderId, order.version(), applied.events())) {
        store.recordCommand(commandId, workOrderId);
        applied.events().forEach(order::apply);
        releaseCauseIfClosed(order);
        return new CommandResult.Applied(workOrderId, order.version(), applied.events());
      }
      lastSeen = order.version() + 1;
    }
    long expected = expectedVersion.orElse(lastSeen - 1);
    return new CommandResult.Conflict(workOrderId, expected, currentVersion(workOrderId));
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
