package io.plantline.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderPriority;
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
      return true;
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

  final MemoryStore store = new MemoryStore();
  final MemoryCauses causes = new MemoryCauses();
  final WorkOrderCommandHandler handler = new WorkOrderCommandHandler(store, causes);

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
