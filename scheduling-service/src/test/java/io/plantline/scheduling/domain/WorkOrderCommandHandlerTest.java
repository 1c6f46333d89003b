package io.plantline.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderCompleted;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.contracts.workorder.WorkOrderVerified;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The handler's routing and idempotency over in-memory ports (the Cassandra ones have an IT). */
class WorkOrderCommandHandlerTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  /** An in-memory store with the same compare-and-set rule as the Cassandra one. */
  static final class MemoryStore implements WorkOrderEventStore {
    final Map<String, List<WorkOrderEvent>> streams = new HashMap<>();
    final Map<UUID, String> commands = new HashMap<>();
    final Map<String, String> alarms = new HashMap<>();

    @Override
    public List<WorkOrderEvent> load(String id) {
      return List.copyOf(streams.getOrDefault(id, List.of()));
    }

    @Override
    public boolean append(String id, long expectedVersion, List<WorkOrderEvent> events) {
      List<WorkOrderEvent> stream = streams.computeIfAbsent(id, k -> new ArrayList<>());
      if (stream.size() != expectedVersion) {
        return false;
      }
      stream.addAll(events);
      for (WorkOrderEvent e : events) {
        if (e instanceof WorkOrderOpened o && o.alarmId() != null) {
          alarms.put(o.alarmId(), id);
        } else if (e instanceof WorkOrderOccurrenceAttached a) {
          alarms.put(a.alarmId(), id);
        }
      }
      return true;
    }

    @Override
    public Optional<String> workOrderOfAlarm(String alarmId) {
      return Optional.ofNullable(alarms.get(alarmId));
    }

    @Override
    public void recordCommand(UUID commandId, String workOrderId) {
      commands.put(commandId, workOrderId);
    }

    @Override
    public Optional<String> commandTarget(UUID commandId) {
      return Optional.ofNullable(commands.get(commandId));
    }
  }

  /** An in-memory cause index. */
  static final class MemoryCauses implements ActiveCauseIndex {
    final Map<String, String> holders = new HashMap<>();

    @Override
    public Optional<String> claim(String assetId, String ruleId, String workOrderId) {
      String holder = holders.putIfAbsent(assetId + "/" + ruleId, workOrderId);
      return holder == null || holder.equals(workOrderId) ? Optional.empty() : Optional.of(holder);
    }

    @Override
    public boolean replace(String assetId, String ruleId, String stale, String workOrderId) {
      return holders.replace(assetId + "/" + ruleId, stale, workOrderId);
    }

    @Override
    public void release(String assetId, String ruleId, String workOrderId) {
      holders.remove(assetId + "/" + ruleId, workOrderId);
    }
  }

  /** In-memory clearances. */
  static final class MemoryClearances implements AlarmClearances {
    final Map<String, AlarmClearance> cleared = new HashMap<>();

    @Override
    public void record(AlarmClearance clearance) {
      cleared.put(clearance.alarmId(), clearance);
    }

    @Override
    public Optional<AlarmClearance> find(String alarmId) {
      return Optional.ofNullable(cleared.get(alarmId));
    }
  }

  final MemoryStore store = new MemoryStore();
  final MemoryCauses causes = new MemoryCauses();
  final MemoryClearances clearances = new MemoryClearances();
  final WorkOrderCommandHandler handler = new WorkOrderCommandHandler(store, causes, clearances);

  static OpenWorkOrder alarm(String wo, String alarmId, Instant at) {
    return new OpenWorkOrder(
        UUID.randomUUID(),
        1,
        wo,
        "plant-a",
        "press-07",
        WorkOrderPriority.HIGH,
        alarmId,
        "temp-high",
        "Inspect",
        Map.of(),
        at);
  }

  @Test
  void shouldAttachARepeatedAlarmAndOpenANewOrderOnceTheFirstIsClosed() {
    assertThat(handler.handle(alarm("WO-1", "alm-1", T0), OptionalLong.empty()))
        .isInstanceOf(CommandResult.Applied.class);
    CommandResult repeat =
        handler.handle(alarm("WO-2", "alm-2", T0.plusSeconds(60)), OptionalLong.empty());
    assertThat(repeat.workOrderId()).isEqualTo("WO-1");
    assertThat(store.load("WO-2")).isEmpty();

    handler.handle(
        new CancelWorkOrder(
            UUID.randomUUID(), 1, "WO-1", "press-07", "false alarm", T0.plusSeconds(90)),
        OptionalLong.empty());
    assertThat(causes.holders).isEmpty();
    CommandResult after =
        handler.handle(alarm("WO-3", "alm-3", T0.plusSeconds(120)), OptionalLong.empty());
    assertThat(after).isInstanceOf(CommandResult.Applied.class);
    assertThat(after.workOrderId()).isEqualTo("WO-3");
  }

  @Test
  void shouldTreatEveryRedeliveryAsADuplicate() {
    OpenWorkOrder open = alarm("WO-1", "alm-1", T0);
    OpenWorkOrder repeat = alarm("WO-2", "alm-2", T0.plusSeconds(60));
    handler.handle(open, OptionalLong.empty());
    handler.handle(repeat, OptionalLong.empty());
    assertThat(handler.handle(open, OptionalLong.empty()))
        .isEqualTo(new CommandResult.Duplicate("WO-1"));
    assertThat(handler.handle(repeat, OptionalLong.empty()))
        .isEqualTo(new CommandResult.Duplicate("WO-1"));
    store.commands
        .clear(); // the command log lost (crash before it was written): the stream decides
    assertThat(handler.handle(open, OptionalLong.empty()))
        .isEqualTo(new CommandResult.Duplicate("WO-1"));
    assertThat(handler.handle(repeat, OptionalLong.empty()))
        .isEqualTo(new CommandResult.Duplicate("WO-1"));
    assertThat(store.load("WO-1")).hasSize(2);
  }

  @Test
  void shouldReplaceAStaleCauseClaimWhoseOrderWasNeverStored() {
    causes.holders.put("press-07/temp-high", "WO-lost");
    CommandResult result = handler.handle(alarm("WO-1", "alm-1", T0), OptionalLong.empty());
    assertThat(result).isInstanceOf(CommandResult.Applied.class);
    assertThat(causes.holders).containsEntry("press-07/temp-high", "WO-1");
  }

  void workUntilDone(String wo) {
    for (var c :
        List.of(
            new AssignWorkOrder(UUID.randomUUID(), 1, wo, "press-07", "t-1", T0.plusSeconds(60)),
            new StartWorkOrder(UUID.randomUUID(), 1, wo, "press-07", T0.plusSeconds(120)),
            new CompleteWorkOrder(
                UUID.randomUUID(), 1, wo, "press-07", "fixed", T0.plusSeconds(600)))) {
      assertThat(handler.handle(c, OptionalLong.empty())).isInstanceOf(CommandResult.Applied.class);
    }
  }

  @Test
  void shouldVerifyADoneOrderWhenItsAlarmClearsOnceForARedeliveredClearance() {
    handler.handle(alarm("WO-1", "alm-1", T0), OptionalLong.empty());
    workUntilDone("WO-1");
    AlarmClearance cleared = new AlarmClearance("alm-1", UUID.randomUUID(), T0.plusSeconds(900));

    assertThat(handler.alarmCleared(cleared)).isEqualTo(new ClearanceResult.Verified("WO-1", 5));
    assertThat(handler.alarmCleared(cleared))
        .isEqualTo(new ClearanceResult.AlreadyVerified("WO-1"));
    List<WorkOrderEvent> events = store.load("WO-1");
    assertThat(events).hasSize(5);
    WorkOrderVerified verified = (WorkOrderVerified) events.get(4);
    assertThat(verified.alarmId()).isEqualTo("alm-1");
    assertThat(verified.commandId()).isEqualTo(cleared.verifyCommandId());
    assertThat(verified.occurredAt()).isEqualTo(T0.plusSeconds(900));
  }

  @Test
  void shouldVerifyAnOrderAtCompletionWhenItsAlarmClearedBefore() {
    AlarmClearance early = new AlarmClearance("alm-1", UUID.randomUUID(), T0.plusSeconds(30));
    assertThat(handler.alarmCleared(early)).isEqualTo(new ClearanceResult.NoWorkOrder("alm-1"));
    handler.handle(alarm("WO-1", "alm-1", T0), OptionalLong.empty());
    AlarmClearance again = new AlarmClearance("alm-1", UUID.randomUUID(), T0.plusSeconds(40));
    assertThat(handler.alarmCleared(again))
        .isEqualTo(new ClearanceResult.AwaitingCompletion("WO-1"));
    assertThat(store.load("WO-1")).hasSize(1);

    handler.handle(
        new AssignWorkOrder(UUID.randomUUID(), 1, "WO-1", "press-07", "t-1", T0),
        OptionalLong.empty());
    handler.handle(
        new StartWorkOrder(UUID.randomUUID(), 1, "WO-1", "press-07", T0), OptionalLong.empty());
    CompleteWorkOrder complete =
        new CompleteWorkOrder(UUID.randomUUID(), 1, "WO-1", "press-07", "ok", T0.plusSeconds(600));
    CommandResult done = handler.handle(complete, OptionalLong.empty());

    assertThat(((CommandResult.Applied) done).events())
        .hasExactlyElementsOfTypes(WorkOrderCompleted.class, WorkOrderVerified.class);
    assertThat(((CommandResult.Applied) done).version()).isEqualTo(5);
    WorkOrderVerified verified = (WorkOrderVerified) store.load("WO-1").get(4);
    assertThat(verified.commandId()).isEqualTo(again.verifyCommandId());
    assertThat(verified.occurredAt()).isEqualTo(T0.plusSeconds(600)); // not before the completion
    assertThat(handler.handle(complete, OptionalLong.empty()))
        .isEqualTo(new CommandResult.Duplicate("WO-1"));
    assertThat(store.load("WO-1")).hasSize(5);
  }

  @Test
  void shouldVerifyOnlyWhenTheLatestAttachedAlarmClears() {
    handler.handle(alarm("WO-1", "alm-1", T0), OptionalLong.empty());
    handler.handle(alarm("WO-2", "alm-2", T0.plusSeconds(60)), OptionalLong.empty());
    workUntilDone("WO-1");
    ClearanceResult first =
        handler.alarmCleared(new AlarmClearance("alm-1", UUID.randomUUID(), T0.plusSeconds(700)));
    assertThat(first).isInstanceOf(ClearanceResult.NotApplicable.class);
    assertThat(((ClearanceResult.NotApplicable) first).reason()).contains("latest alarm alm-2");
    assertThat(
            handler.alarmCleared(
                new AlarmClearance("alm-2", UUID.randomUUID(), T0.plusSeconds(800))))
        .isEqualTo(new ClearanceResult.Verified("WO-1", 6));
  }

  @Test
  void shouldNotVerifyACancelledOrder() {
    handler.handle(alarm("WO-1", "alm-1", T0), OptionalLong.empty());
    handler.handle(
        new CancelWorkOrder(UUID.randomUUID(), 1, "WO-1", "press-07", "spurious", T0),
        OptionalLong.empty());
    ClearanceResult result =
        handler.alarmCleared(new AlarmClearance("alm-1", UUID.randomUUID(), T0.plusSeconds(5)));
    assertThat(result).isInstanceOf(ClearanceResult.NotApplicable.class);
    assertThat(store.load("WO-1")).hasSize(2);
  }

  @Test
  void shouldReportConflictNotFoundAndRefusal() {
    handler.handle(alarm("WO-1", "alm-1", T0), OptionalLong.empty());
    AssignWorkOrder assign =
        new AssignWorkOrder(UUID.randomUUID(), 1, "WO-1", "press-07", "t-1", T0);
    assertThat(handler.handle(assign, OptionalLong.of(7)))
        .isEqualTo(new CommandResult.Conflict("WO-1", 7, 1));
    AssignWorkOrder missing =
        new AssignWorkOrder(UUID.randomUUID(), 1, "WO-9", "press-07", "t-1", T0);
    assertThat(handler.handle(missing, OptionalLong.empty()))
        .isEqualTo(new CommandResult.NotFound("WO-9"));
    assertThat(
            handler.verify(
                new VerifyWorkOrder(UUID.randomUUID(), "WO-1", "alm-1", T0), OptionalLong.empty()))
        .isInstanceOf(CommandResult.Refused.class);
  }
}
