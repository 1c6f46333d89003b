package io.plantline.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.workorder.AssignWorkOrder;
import io.plantline.contracts.workorder.CancelWorkOrder;
import io.plantline.contracts.workorder.CompleteWorkOrder;
import io.plantline.contracts.workorder.OpenWorkOrder;
import io.plantline.contracts.workorder.StartWorkOrder;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOccurrenceAttached;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.contracts.workorder.WorkOrderPlanned;
import io.plantline.contracts.workorder.WorkOrderPriority;
import io.plantline.contracts.workorder.WorkOrderVerified;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkOrderTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final String WO = "WO-1";
  static final String ASSET = "press-07";
  static final Map<String, Double> EVIDENCE = Map.of("temperature.max", 97.5, "threshold", 90.0);

  static OpenWorkOrder openFromAlarm(String workOrderId, String alarmId, Instant at) {
    return new OpenWorkOrder(
        UUID.randomUUID(),
        2,
        workOrderId,
        "plant-a",
        ASSET,
        WorkOrderPriority.HIGH,
        alarmId,
        "temp-high",
        "Inspect the oil cooler",
        EVIDENCE,
        at);
  }

  static AssignWorkOrder assign(String who) {
    return new AssignWorkOrder(UUID.randomUUID(), 1, WO, ASSET, who, T0.plusSeconds(60));
  }

  static StartWorkOrder start() {
    return new StartWorkOrder(UUID.randomUUID(), 1, WO, ASSET, T0.plusSeconds(120));
  }

  static CompleteWorkOrder complete() {
    return new CompleteWorkOrder(
        UUID.randomUUID(), 1, WO, ASSET, "cooler cleaned", T0.plusSeconds(600));
  }

  static CancelWorkOrder cancel() {
    return new CancelWorkOrder(UUID.randomUUID(), 1, WO, ASSET, "duplicate", T0.plusSeconds(30));
  }

  /** A stream built command by command, applying what each decision returns. */
  static final class Stream {
    final List<WorkOrderEvent> events = new ArrayList<>();
    WorkOrder order;

    Stream(OpenWorkOrder open) {
      events.addAll(applied(WorkOrder.open(open)));
      order = WorkOrder.replay(events);
    }

    Outcome run(Outcome outcome) {
      if (outcome instanceof Outcome.Applied a) {
        a.events().forEach(order::apply);
        events.addAll(a.events());
      }
      return outcome;
    }
  }

  static List<WorkOrderEvent> applied(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Applied.class);
    return ((Outcome.Applied) outcome).events();
  }

  static Stream opened() {
    return new Stream(openFromAlarm(WO, "alm-1", T0));
  }

  @Test
  void shouldWalkTheWholeLifeCycleToVerifiedWhenTheAlarmClears() {
    Stream s = opened();
    s.run(s.order.assign(assign("tech-1")));
    s.run(s.order.start(start()));
    s.run(s.order.complete(complete()));
    assertThat(s.order.status()).isEqualTo(WorkOrderStatus.DONE);
    Outcome verified =
        s.run(
            s.order.verify(
                new VerifyWorkOrder(UUID.randomUUID(), WO, "alm-1", T0.plusSeconds(900))));

    assertThat(applied(verified).get(0)).isInstanceOf(WorkOrderVerified.class);
    WorkOrderState state = s.order.state();
    assertThat(state.status()).isEqualTo(WorkOrderStatus.VERIFIED);
    assertThat(state.version()).isEqualTo(5);
    assertThat(state.assignee()).isEqualTo("tech-1");
    assertThat(state.startedAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(state.completedAt()).isEqualTo(T0.plusSeconds(600));
    assertThat(state.closedAt()).isEqualTo(T0.plusSeconds(900));
    assertThat(state.completionNotes()).isEqualTo("cooler cleaned");
    assertThat(s.events).extracting(WorkOrderEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void shouldCarryTheAlarmEvidenceFromTheCommandIntoTheOpenedEventAndTheState() {
    OpenWorkOrder open = openFromAlarm(WO, "alm-1", T0);
    WorkOrderOpened opened = (WorkOrderOpened) applied(WorkOrder.open(open)).get(0);
    assertThat(opened.schemaVersion()).isEqualTo(WorkOrderEvent.SCHEMA_VERSION);
    assertThat(opened.evidence()).isEqualTo(EVIDENCE);
    assertThat(WorkOrder.replay(List.of(opened)).state().evidence())
        .containsExactly(Map.entry("temperature.max", 97.5), Map.entry("threshold", 90.0));

    // a stream stored with schema version 1 has no evidence and still replays
    WorkOrderOpened v1 =
        new WorkOrderOpened(
            UUID.randomUUID(),
            1,
            WO,
            ASSET,
            1,
            T0,
            UUID.randomUUID(),
            "plant-a",
            WorkOrderPriority.LOW,
            "alm-1",
            "temp-high",
            "Inspect",
            Map.of());
    assertThat(WorkOrder.replay(List.of(v1)).state().evidence()).isEmpty();
  }

  static PlanWorkOrder plan(long fromHours, long toHours) {
    return new PlanWorkOrder(
        UUID.randomUUID(),
        WO,
        T0.plusSeconds(3600 * fromHours),
        T0.plusSeconds(3600 * toHours),
        T0.plusSeconds(10));
  }

  @Test
  void shouldPlanWhileOpenOrAssignedKeepTheLatestWindowAndRefuseOnceStarted() {
    Stream s = opened();
    WorkOrderPlanned planned = (WorkOrderPlanned) applied(s.run(s.order.plan(plan(24, 26)))).get(0);
    assertThat(planned.version()).isEqualTo(2);
    assertThat(planned.plannedStart()).isEqualTo(T0.plusSeconds(24 * 3600));
    s.run(s.order.assign(assign("tech-1")));
    s.run(s.order.plan(plan(48, 49)));
    assertThat(s.order.state().plannedStart()).isEqualTo(T0.plusSeconds(48 * 3600));
    assertThat(s.order.state().plannedEnd()).isEqualTo(T0.plusSeconds(49 * 3600));
    assertThat(s.order.status()).isEqualTo(WorkOrderStatus.ASSIGNED);

    s.run(s.order.start(start()));
    Outcome late = s.order.plan(plan(72, 73));
    assertThat(((Outcome.Refused) late).reason())
        .contains("cannot plan work order WO-1 in status IN_PROGRESS")
        .contains("[OPEN, ASSIGNED]");
    assertThat(WorkOrder.replay(s.events).state()).isEqualTo(s.order.state());
  }

  @Test
  void shouldRejectAWindowThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> plan(5, 5))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("plannedEnd");
    assertThatThrownBy(() -> new PlanWorkOrder(UUID.randomUUID(), WO, null, T0, T0))
        .hasMessageContaining("plannedStart");
  }

  @Test
  void shouldRefuseStartBeforeAssignmentWithAReason() {
    Stream s = opened();
    Outcome outcome = s.order.start(start());
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    assertThat(((Outcome.Refused) outcome).reason())
        .contains("cannot start work order WO-1 in status OPEN")
        .contains("ASSIGNED");
    assertThat(s.order.version()).isEqualTo(1);
  }

  @Test
  void shouldRefuseCompleteUnlessInProgressAndCancelAfterDone() {
    Stream s = opened();
    assertThat(s.order.complete(complete())).isInstanceOf(Outcome.Refused.class);
    s.run(s.order.assign(assign("tech-1")));
    assertThat(s.order.complete(complete())).isInstanceOf(Outcome.Refused.class);
    s.run(s.order.start(start()));
    assertThat(s.order.assign(assign("tech-2"))).isInstanceOf(Outcome.Refused.class);
    s.run(s.order.complete(complete()));
    assertThat(((Outcome.Refused) s.order.cancel(cancel())).reason()).contains("status DONE");
  }

  @Test
  void shouldAllowReassignmentWhileAssigned() {
    Stream s = opened();
    s.run(s.order.assign(assign("tech-1")));
    s.run(s.order.assign(assign("tech-2")));
    assertThat(s.order.state().assignee()).isEqualTo("tech-2");
    assertThat(s.order.status()).isEqualTo(WorkOrderStatus.ASSIGNED);
  }

  @Test
  void shouldCancelFromEveryActiveStateAndRefuseEverythingButCommentsAfterwards() {
    Stream s = opened();
    s.run(s.order.assign(assign("tech-1")));
    s.run(s.order.cancel(cancel()));
    assertThat(s.order.status()).isEqualTo(WorkOrderStatus.CANCELLED);
    assertThat(s.order.state().cancelReason()).isEqualTo("duplicate");
    assertThat(s.order.assign(assign("tech-2"))).isInstanceOf(Outcome.Refused.class);
    assertThat(s.order.attachOccurrence(openFromAlarm("WO-2", "alm-2", T0.plusSeconds(99))))
        .isInstanceOf(Outcome.Refused.class);
    assertThat(
            s.order.verify(new VerifyWorkOrder(UUID.randomUUID(), WO, "alm-1", T0.plusSeconds(99))))
        .isInstanceOf(Outcome.Refused.class);
    s.run(s.order.comment(new CommentWorkOrder(UUID.randomUUID(), WO, "sup-1", "closed", T0)));
    assertThat(s.order.state().notes())
        .extracting(WorkOrderState.Note::text)
        .containsExactly("closed");
  }

  @Test
  void shouldApplyEachCommandIdOnceAndDecideIdenticalEventsForTheSameCommand() {
    Stream s = opened();
    AssignWorkOrder assign = assign("tech-1");
    List<WorkOrderEvent> first = applied(s.order.assign(assign));
    assertThat(applied(s.order.assign(assign))).isEqualTo(first);
    s.run(s.order.assign(assign));
    assertThat(s.order.assign(assign)).isEqualTo(new Outcome.AlreadyApplied(2));
    assertThat(s.order.version()).isEqualTo(2);
  }

  @Test
  void shouldRecogniseARedeliveredOpenAndRefuseAnotherOpenOfTheSameId() {
    OpenWorkOrder open = openFromAlarm(WO, "alm-1", T0);
    Stream s = new Stream(open);
    assertThat(s.order.openAgain(open)).isEqualTo(new Outcome.AlreadyApplied(1));
    assertThat(((Outcome.Refused) s.order.openAgain(openFromAlarm(WO, "alm-9", T0))).reason())
        .contains("already exists");
  }

  @Test
  void shouldAttachRepeatedAlarmsCountingOccurrencesAndLastSeen() {
    Stream s = opened();
    OpenWorkOrder repeat1 = openFromAlarm("WO-2", "alm-2", T0.plusSeconds(300));
    OpenWorkOrder repeat2 = openFromAlarm("WO-3", "alm-3", T0.plusSeconds(400));
    s.run(s.order.attachOccurrence(repeat1));
    s.run(s.order.attachOccurrence(repeat2));
    assertThat(s.order.attachOccurrence(repeat2)).isInstanceOf(Outcome.AlreadyApplied.class);

    WorkOrderState state = s.order.state();
    assertThat(state.occurrences()).isEqualTo(3);
    assertThat(state.lastSeen()).isEqualTo(T0.plusSeconds(400));
    assertThat(state.alarmIds()).containsExactly("alm-1", "alm-2", "alm-3");
    assertThat(((WorkOrderOccurrenceAttached) s.events.get(2)).occurrences()).isEqualTo(3);
  }

  @Test
  void shouldVerifyOnlyWhenTheLatestAlarmClears() {
    Stream s = opened();
    s.run(s.order.attachOccurrence(openFromAlarm("WO-2", "alm-2", T0.plusSeconds(30))));
    s.run(s.order.assign(assign("tech-1")));
    s.run(s.order.start(start()));
    assertThat(s.order.verify(new VerifyWorkOrder(UUID.randomUUID(), WO, "alm-2", T0)))
        .isInstanceOf(Outcome.Refused.class);
    s.run(s.order.complete(complete()));
    Outcome byOldAlarm = s.order.verify(new VerifyWorkOrder(UUID.randomUUID(), WO, "alm-1", T0));
    Outcome byHand = s.order.verify(new VerifyWorkOrder(UUID.randomUUID(), WO, null, T0));
    assertThat(((Outcome.Refused) byOldAlarm).reason()).contains("alm-2 clears");
    assertThat(((Outcome.Refused) byHand).reason()).contains("not by hand");
    assertThat(s.order.verify(new VerifyWorkOrder(UUID.randomUUID(), WO, "alm-2", T0)))
        .isInstanceOf(Outcome.Applied.class);
  }

  @Test
  void shouldVerifyAManualOrderByConfirmationOnly() {
    OpenWorkOrder manual =
        new OpenWorkOrder(
            UUID.randomUUID(),
            1,
            WO,
            "plant-a",
            ASSET,
            WorkOrderPriority.LOW,
            null,
            null,
            "Grease",
            Map.of(),
            T0);
    Stream s = new Stream(manual);
    s.run(s.order.assign(assign("tech-1")));
    s.run(s.order.start(start()));
    s.run(s.order.complete(complete()));
    assertThat(s.order.verify(new VerifyWorkOrder(UUID.randomUUID(), WO, "alm-1", T0)))
        .isInstanceOf(Outcome.Refused.class);
    s.run(s.order.verify(new VerifyWorkOrder(UUID.randomUUID(), WO, null, T0)));
    assertThat(s.order.status()).isEqualTo(WorkOrderStatus.VERIFIED);
    assertThat(s.order.state().occurrences()).isEqualTo(1);
    assertThat(s.order.state().alarmIds()).isEmpty();
  }

  @Test
  void shouldRefuseACommandForAnotherAsset() {
    Stream s = opened();
    AssignWorkOrder other = new AssignWorkOrder(UUID.randomUUID(), 1, WO, "press-08", "t", T0);
    assertThat(((Outcome.Refused) s.order.assign(other)).reason()).contains("not press-08");
  }

  @Test
  void shouldRebuildTheSameStateFromItsEvents() {
    Stream s = opened();
    s.run(s.order.attachOccurrence(openFromAlarm("WO-2", "alm-2", T0.plusSeconds(30))));
    s.run(s.order.assign(assign("tech-1")));
    s.run(s.order.comment(new CommentWorkOrder(UUID.randomUUID(), WO, "tech-1", "on my way", T0)));
    assertThat(WorkOrder.replay(s.events).state()).isEqualTo(s.order.state());
  }

  @Test
  void shouldRejectAnEventThatSkipsAVersion() {
    Stream s = opened();
    List<WorkOrderEvent> assigned = applied(s.order.assign(assign("tech-1")));
    s.run(new Outcome.Applied(assigned));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.order.apply(assigned.get(0)))
        .hasMessageContaining("does not follow");
  }

  @Test
  void shouldRouteARepeatedAlarmToTheActiveOrderOfTheSameCause() {
    Stream s = opened();
    OpenWorkOrder repeat = openFromAlarm("WO-2", "alm-2", T0.plusSeconds(300));
    assertThat(OccurrenceRouting.route(repeat, Optional.of(s.order)))
        .isEqualTo(new OccurrenceRouting.AttachTo(s.order));
    assertThat(OccurrenceRouting.route(repeat, Optional.empty()))
        .isInstanceOf(OccurrenceRouting.OpenOwn.class);
    s.run(s.order.cancel(cancel()));
    assertThat(OccurrenceRouting.route(repeat, Optional.of(s.order)))
        .isInstanceOf(OccurrenceRouting.OpenOwn.class);
  }
}
