package io.plantline.scheduling.domain.jobshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.scheduling.domain.jobshop.JobShop.JobSpec;
import io.plantline.scheduling.domain.jobshop.JobShop.OperationSpec;
import io.plantline.scheduling.domain.jobshop.MachineCalendar.Window;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemeticSchedulerTest {
  private static final Duration NO_TIME_LIMIT = Duration.ofMinutes(10);

  @Test
  void shouldDecodeAnyPriorityListIntoAFeasibleSchedule() {
    JobShop ft10 = JobShopInstances.load("ft10");
    ActiveScheduleDecoder decoder = new ActiveScheduleDecoder(ft10);
    SplittableRandom random = new SplittableRandom(7);

    for (int trial = 0; trial < 200; trial++) {
      int[] list = IntStream.range(0, ft10.operationCount()).toArray();
      for (int i = list.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = list[i];
        list[i] = list[j];
        list[j] = t;
      }
      Schedule schedule = decoder.decode(ActiveScheduleDecoder.rankOf(list));

      assertThat(schedule.violations()).isEmpty();
      assertThat(schedule.makespan()).isGreaterThanOrEqualTo(930);
    }
  }

  @Test
  void shouldDispatchByRulesAsABaseline() {
    JobShop ft10 = JobShopInstances.load("ft10");

    for (DispatchingRule rule : DispatchingRule.values()) {
      Schedule schedule = rule.dispatch(ft10);
      assertThat(schedule.violations()).as(rule.name()).isEmpty();
      assertThat(schedule.makespan()).as(rule.name()).isGreaterThan(930);
    }
  }

  @Test
  void shouldNeverMakeAScheduleWorseInLocalSearch() {
    JobShop ft10 = JobShopInstances.load("ft10");
    MachineSequences start = MachineSequences.of(DispatchingRule.SPT.dispatch(ft10));

    MachineSequences improved =
        new TabuSearch(ft10)
            .improve(
                start,
                500,
                System.nanoTime() + Duration.ofMinutes(1).toNanos(),
                new SplittableRandom(3));

    assertThat(improved.makespan()).isLessThan(start.makespan());
    assertThat(improved.toSchedule().violations()).isEmpty();
    assertThat(improved.toSchedule().makespan()).isEqualTo(improved.makespan());
  }

  @Test
  void shouldReachTheOptimumOfSmallClassicInstances() {
    SolverSettings settings = SolverSettings.defaults(1, NO_TIME_LIMIT).withMaxGenerations(60);

    SolverResult ft06 = new MemeticScheduler(settings).solve(JobShopInstances.load("ft06"));
    SolverResult la01 = new MemeticScheduler(settings).solve(JobShopInstances.load("la01"));

    assertThat(ft06.makespan()).isEqualTo(55);
    assertThat(la01.makespan()).isEqualTo(666);
    assertThat(la01.provenOptimal()).as("la01's optimum equals its machine bound").isTrue();
    assertThat(ft06.schedule().violations()).isEmpty();
  }

  @Test
  void shouldBeDeterministicForASeedWhateverTheThreadCount() {
    JobShop ft10 = JobShopInstances.load("ft10");
    SolverSettings settings = SolverSettings.defaults(42, NO_TIME_LIMIT).withMaxGenerations(3);

    SolverResult oneThread = new MemeticScheduler(settings.withThreads(1)).solve(ft10);
    SolverResult twoThreads = new MemeticScheduler(settings.withThreads(2)).solve(ft10);
    SolverResult otherSeed =
        new MemeticScheduler(
                SolverSettings.defaults(43, NO_TIME_LIMIT).withMaxGenerations(3).withThreads(2))
            .solve(ft10);

    assertThat(twoThreads.makespan()).isEqualTo(oneThread.makespan());
    assertThat(starts(twoThreads.schedule())).isEqualTo(starts(oneThread.schedule()));
    assertThat(twoThreads.localSearchIterations()).isEqualTo(oneThread.localSearchIterations());
    assertThat(otherSeed.localSearchIterations()).isNotEqualTo(oneThread.localSearchIterations());
  }

  @Test
  void shouldStopAtTheTimeBudget() {
    SolverSettings settings = SolverSettings.defaults(1, Duration.ofMillis(300));

    SolverResult result = new MemeticScheduler(settings).solve(JobShopInstances.load("ft10"));

    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
    assertThat(result.schedule().violations()).isEmpty();
  }

  @Test
  void shouldScheduleAroundMaintenanceWindowsAndReleases() {
    JobShop plain = JobShopInstances.load("la01");
    JobShop.Builder builder = JobShop.builder("la01 with maintenance");
    for (int m = 0; m < plain.machineCount(); m++) {
      // Every machine is down for an hour-like block in the middle of the optimal makespan.
      builder.machine(
          plain.machineId(m),
          m % 2 == 0 ? List.of(new Window(200 + 20 * m, 260 + 20 * m)) : List.of());
    }
    for (int j = 0; j < plain.jobCount(); j++) {
      List<OperationSpec> ops =
          IntStream.of(plain.operationsOfJob(j))
              .mapToObj(
                  o ->
                      new OperationSpec(
                          plain.operationId(o),
                          plain.machineId(plain.machineOf(o)),
                          plain.durationOf(o),
                          null))
              .toList();
      builder.job(new JobSpec(plain.jobId(j), j == 3 ? 150 : 0, ops));
    }
    JobShop shop = builder.build();

    SolverResult result =
        new MemeticScheduler(SolverSettings.defaults(5, NO_TIME_LIMIT).withMaxGenerations(20))
            .solve(shop);

    assertThat(result.schedule().violations()).isEmpty();
    assertThat(result.makespan()).isGreaterThanOrEqualTo(666);
    int firstOfJob3 = plain.operationsOfJob(3)[0];
    assertThat(result.schedule().startOf(firstOfJob3)).isGreaterThanOrEqualTo(150);
  }

  @Test
  void shouldRespectAPrecedenceGraphWithinAJob() {
    // Job A: a and b in any order, both before c (an assembly); job B competes for the machines.
    JobShop shop =
        JobShop.builder("assembly")
            .machine("mill", List.of())
            .machine("lathe", List.of())
            .machine("assembly", List.of())
            .job(
                new JobSpec(
                    "A",
                    0,
                    List.of(
                        new OperationSpec("c", "assembly", 4, List.of("a", "b")),
                        new OperationSpec("a", "mill", 5, List.of()),
                        new OperationSpec("b", "lathe", 3, List.of()))))
            .job(
                new JobSpec(
                    "B",
                    0,
                    List.of(
                        new OperationSpec("x", "lathe", 2, null),
                        new OperationSpec("y", "mill", 2, null))))
            .build();

    SolverResult result =
        new MemeticScheduler(SolverSettings.defaults(1, NO_TIME_LIMIT).withMaxGenerations(10))
            .solve(shop);

    assertThat(result.schedule().violations()).isEmpty();
    // c waits for a (5) and b; B's lathe work can go first: lathe 0-2, 2-5, mill 0-5, 5-7; c 5-9.
    assertThat(result.makespan()).isEqualTo(9);
    assertThat(result.provenOptimal()).isTrue();
  }

  private static int[] starts(Schedule schedule) {
    return IntStream.range(0, schedule.shop().operationCount()).map(schedule::startOf).toArray();
  }
}
