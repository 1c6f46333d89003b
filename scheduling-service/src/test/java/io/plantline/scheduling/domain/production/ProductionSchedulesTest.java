package io.plantline.scheduling.domain.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import io.plantline.scheduling.domain.production.ProductionRequest.Downtime;
import io.plantline.scheduling.domain.production.ProductionRequest.Job;
import io.plantline.scheduling.domain.production.ProductionRequest.Machine;
import io.plantline.scheduling.domain.production.ProductionRequest.Operation;
import io.plantline.scheduling.domain.production.ProductionSchedules.ReplanOutcome;
import io.plantline.scheduling.domain.production.ScheduleResult.PlannedOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionSchedulesTest {
  private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

  private final InMemoryStore store = new InMemoryStore();
  private final List<Downtime> maintenance = new ArrayList<>();
  private final ProductionSchedules schedules =
      new ProductionSchedules(
          store,
          new ProductionPlanner(
              (machine, from, to) -> machine.equals("lathe") ? List.copyOf(maintenance) : List.of(),
              1),
          Clock.fixed(T0, ZoneOffset.UTC));

  @Test
  void shouldPlanAroundDowntimesAndPlannedMaintenanceAndReportLateness() {
    maintenance.add(
        new Downtime(
            T0.plus(minutes(30)), T0.plus(minutes(90)), "maintenance planned in work order WO-1"));
    ScheduleVersion v1 =
        schedules.submit(request(List.of(new Downtime(T0, T0.plus(minutes(10)), "warm-up"))));

    ScheduleResult result = schedules.solve(v1.scheduleId(), 1).orElseThrow().result();

    assertThat(store.latest(v1.scheduleId()).orElseThrow().status()).isEqualTo(ScheduleStatus.DONE);
    for (PlannedOperation op : result.operations()) {
      if (op.machine().equals("mill")) {
        assertThat(op.start()).isAfterOrEqualTo(T0.plus(minutes(10)));
      }
      if (op.machine().equals("lathe")) {
        boolean overlaps =
            op.start().isBefore(T0.plus(minutes(90))) && op.end().isAfter(T0.plus(minutes(30)));
        assertThat(overlaps).as(op.toString()).isFalse();
      }
    }
    assertThat(result.downtimes())
        .extracting(ScheduleResult.MachineDowntime::reason)
        .contains("warm-up", "maintenance planned in work order WO-1");
    assertThat(result.jobs())
        .extracting(ScheduleResult.JobCompletion::job)
        .containsExactly("order-1", "order-2", "order-3");
    ScheduleResult.JobCompletion late =
        result.jobs().stream().filter(j -> j.due() != null).findFirst().orElseThrow();
    assertThat(late.lateness())
        .isEqualTo(
            late.end().isAfter(late.due())
                ? Duration.between(late.due(), late.end())
                : Duration.ZERO);
    assertThat(result.makespan()).isEqualTo(Duration.between(T0, result.end()));
    assertThat(result.withinHorizon()).isTrue();
  }

  @Test
  void shouldReplanKeepingWhatRanAndRerunningWhatTheBreakdownInterrupted() {
    ScheduleVersion v1 = schedules.submit(request(List.of()));
    ScheduleResult before = schedules.solve(v1.scheduleId(), 1).orElseThrow().result();
    PlannedOperation firstOnMill =
        before.operations().stream()
            .filter(o -> o.machine().equals("mill"))
            .min(Comparator.comparing(PlannedOperation::start))
            .orElseThrow();
    Instant breakdown = firstOnMill.start().plus(minutes(1)); // interrupts it
    Disruption disruption =
        new Disruption(
            "mill", breakdown, breakdown.plus(minutes(45)), "spindle breakdown", "report 1");

    ReplanOutcome outcome = schedules.disrupt(v1.scheduleId(), disruption);
    ReplanOutcome again = schedules.disrupt(v1.scheduleId(), disruption);
    ScheduleResult after = schedules.solve(v1.scheduleId(), 2).orElseThrow().result();

    assertThat(outcome).isInstanceOf(ReplanOutcome.Queued.class);
    assertThat(again).isInstanceOf(ReplanOutcome.AlreadyApplied.class);
    Map<String, PlannedOperation> was = new HashMap<>();
    before.operations().forEach(o -> was.put(o.job() + "/" + o.operation(), o));
    for (PlannedOperation op : after.operations()) {
      PlannedOperation previous = was.get(op.job() + "/" + op.operation());
      if (op.fixed()) {
        assertThat(op.start()).isEqualTo(previous.start());
        assertThat(op.machine().equals("mill") && op.end().isAfter(breakdown)).isFalse();
      } else {
        assertThat(op.start()).as(op.toString()).isAfterOrEqualTo(breakdown);
      }
      if (op.machine().equals("mill") && !op.fixed()) {
        assertThat(op.start())
            .as("mill work waits for the repair")
            .isAfterOrEqualTo(breakdown.plus(minutes(45)));
      }
    }
    PlannedOperation interrupted =
        after.operations().stream()
            .filter(
                o ->
                    o.job().equals(firstOnMill.job())
                        && o.operation().equals(firstOnMill.operation()))
            .findFirst()
            .orElseThrow();
    assertThat(interrupted.fixed()).isFalse();
    assertThat(interrupted.start()).isAfterOrEqualTo(breakdown.plus(minutes(45)));
    assertThat(after.operations()).hasSize(before.operations().size());
  }

  @Test
  void shouldReplanOnlySchedulesWhoseHorizonMeetsTheMaintenance() {
    ScheduleVersion v1 = schedules.submit(request(List.of()));
    schedules.solve(v1.scheduleId(), 1);

    List<ReplanOutcome> outside =
        schedules.maintenancePlanned(
            "lathe",
            T0.plus(Duration.ofDays(3)),
            T0.plus(Duration.ofDays(3).plusHours(1)),
            "WO-7",
            2);
    List<ReplanOutcome> inside =
        schedules.maintenancePlanned(
            "lathe", T0.plus(minutes(60)), T0.plus(minutes(120)), "WO-8", 2);
    List<ReplanOutcome> redelivered =
        schedules.maintenancePlanned(
            "lathe", T0.plus(minutes(60)), T0.plus(minutes(120)), "WO-8", 2);
    List<ReplanOutcome> otherMachine =
        schedules.maintenancePlanned("press", T0, T0.plus(minutes(60)), "WO-9", 2);

    assertThat(outside).isEmpty();
    assertThat(inside).singleElement().isInstanceOf(ReplanOutcome.Queued.class);
    assertThat(redelivered).singleElement().isInstanceOf(ReplanOutcome.AlreadyApplied.class);
    assertThat(otherMachine).isEmpty();
    ScheduleVersion v2 = store.latest(v1.scheduleId()).orElseThrow();
    assertThat(v2.request().machines().get(1).unavailable())
        .extracting(Downtime::reason)
        .containsExactly("maintenance planned in work order WO-8");
  }

  @Test
  void shouldRefuseBadRequestsBeforeQueueingThem() {
    List<Job> jobs =
        List.of(
            new Job(
                "order-1", null, null, List.of(new Operation("10", "grinder", minutes(5), null))));

    assertThatThrownBy(() -> schedules.submit(request(List.of(), jobs)))
        .isInstanceOf(InvalidJobShopException.class)
        .hasMessage("job order-1, operation 10: unknown machine grinder");
    assertThat(store.versions).isEmpty();
    assertThat(schedules.disrupt("none", new Disruption("mill", T0, T0.plusSeconds(60), "x", "k")))
        .isEqualTo(new ReplanOutcome.NotFound("none"));
    ScheduleVersion v1 = schedules.submit(request(List.of()));
    assertThatThrownBy(
            () ->
                schedules.disrupt(
                    v1.scheduleId(), new Disruption("press", T0, T0.plusSeconds(60), "x", "k")))
        .hasMessageContaining("machine press is not in schedule");
  }

  private static ProductionRequest request(List<Downtime> millDowntime) {
    return request(
        millDowntime,
        List.of(
            new Job(
                "order-1",
                null,
                T0.plus(Duration.ofHours(1)),
                List.of(op("10", "mill", 20), op("20", "lathe", 15))),
            new Job("order-2", null, null, List.of(op("10", "lathe", 25), op("20", "mill", 10))),
            new Job(
                "order-3",
                T0.plus(minutes(5)),
                null,
                List.of(op("10", "mill", 12), op("20", "lathe", 8)))));
  }

  private static ProductionRequest request(List<Downtime> millDowntime, List<Job> jobs) {
    return new ProductionRequest(
        "line 2",
        T0,
        T0.plus(Duration.ofHours(8)),
        List.of(new Machine("mill", millDowntime), new Machine("lathe", List.of())),
        jobs,
        Duration.ofMillis(300),
        1);
  }

  private static Operation op(String id, String machine, int minutes) {
    return new Operation(id, machine, minutes(minutes), null);
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  /** The store's contract in memory. */
  static final class InMemoryStore implements ScheduleStore {
    final Map<String, List<ScheduleVersion>> versions = new HashMap<>();

    @Override
    public synchronized boolean insert(ScheduleVersion version) {
      List<ScheduleVersion> list =
          versions.computeIfAbsent(version.scheduleId(), k -> new ArrayList<>());
      if (list.stream().anyMatch(v -> v.version() == version.version())) {
        return false;
      }
      list.add(0, version);
      return true;
    }

    @Override
    public synchronized void update(ScheduleVersion version) {
      List<ScheduleVersion> list = versions.get(version.scheduleId());
      list.replaceAll(v -> v.version() == version.version() ? version : v);
    }

    @Override
    public synchronized List<ScheduleVersion> versions(String scheduleId) {
      return List.copyOf(versions.getOrDefault(scheduleId, List.of()));
    }

    @Override
    public synchronized List<String> schedulesUsing(String machineId) {
      return versions.entrySet().stream()
          .filter(e -> e.getValue().get(0).request().usesMachine(machineId))
          .map(Map.Entry::getKey)
          .toList();
    }

    @Override
    public synchronized List<String> recent(int limit) {
      return versions.keySet().stream().limit(limit).toList();
    }

    @Override
    public Optional<ScheduleVersion> latest(String scheduleId) {
      return ScheduleStore.super.latest(scheduleId);
    }
  }
}
