package io.plantline.scheduling.domain.jobshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.scheduling.domain.jobshop.JobShop.JobSpec;
import io.plantline.scheduling.domain.jobshop.JobShop.OperationSpec;
import io.plantline.scheduling.domain.jobshop.MachineCalendar.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobShopTest {

  @Test
  void shouldReadTheStandardFormat() {
    JobShop ft06 = JobShopInstances.load("ft06");

    assertThat(ft06.jobCount()).isEqualTo(6);
    assertThat(ft06.machineCount()).isEqualTo(6);
    assertThat(ft06.operationCount()).isEqualTo(36);
    // First line of ft06: 2 1  0 3  1 6 ...
    assertThat(ft06.machineId(ft06.machineOf(0))).isEqualTo("M2");
    assertThat(ft06.durationOf(0)).isEqualTo(1);
    assertThat(ft06.machineId(ft06.machineOf(1))).isEqualTo("M0");
    assertThat(ft06.durationOf(1)).isEqualTo(3);
    assertThat(ft06.jobPredecessors(1)).containsExactly(0);
    assertThat(ft06.jobPredecessors(6)).isEmpty();
  }

  @Test
  void shouldNameTheLineOfABadInstance() {
    assertThatThrownBy(() -> JobShopFormat.parse("x", "# c\n2 2\n0 3 1 x\n0 1 1 1\n"))
        .isInstanceOf(InvalidJobShopException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> JobShopFormat.parse("x", "2 2\n0 3 5 1\n0 1 1 1\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("machine 5");
    assertThatThrownBy(() -> JobShopFormat.parse("x", "2 2\n0 3 1\n0 1 1 1\n"))
        .hasMessageContaining("pairs");
    assertThatThrownBy(() -> JobShopFormat.parse("x", "3 2\n0 3 1 1\n0 1 1 1\n"))
        .hasMessageContaining("3 jobs announced, 2 job lines found");
    // Fuzzing found it: the machine table of this size line ran the reader out of memory.
    assertThatThrownBy(() -> JobShopFormat.parse("x", "# c\n1 2000000000\n0 5\n"))
        .isInstanceOf(InvalidJobShopException.class)
        .hasMessage("x, line 2: 2000000000 machines announced, at most 10000");
  }

  @Test
  void shouldRejectWhatCannotBeScheduledNamingIt() {
    assertThatThrownBy(() -> oneJob(new OperationSpec("cut", "M9", 5, null)))
        .isInstanceOf(InvalidJobShopException.class)
        .hasMessage("job J1, operation cut: unknown machine M9");
    assertThatThrownBy(() -> oneJob(new OperationSpec("cut", "M1", -5, null)))
        .hasMessage("job J1, operation cut: duration must not be negative");
    assertThatThrownBy(
            () ->
                JobShop.builder("x")
                    .machine("M1", List.of())
                    .job(new JobSpec("J1", 0, List.of()))
                    .build())
        .hasMessage("job J1 has no operations");
    assertThatThrownBy(
            () ->
                oneJob(
                    new OperationSpec("a", "M1", 1, List.of("c")),
                    new OperationSpec("b", "M1", 1, List.of("a")),
                    new OperationSpec("c", "M1", 1, List.of("b")),
                    new OperationSpec("d", "M1", 1, List.of())))
        .hasMessage("job J1: cyclic precedence among operations [a, b, c]");
    assertThatThrownBy(() -> oneJob(new OperationSpec("a", "M1", 1, List.of("zz"))))
        .hasMessageContaining("comes after zz, which is not an operation of the job");
    assertThatThrownBy(
            () ->
                oneJob(
                    new OperationSpec("a", "M1", 1, null), new OperationSpec("a", "M1", 1, null)))
        .hasMessageContaining("id is used twice");
    assertThatThrownBy(() -> JobShop.builder("x").machine("M1", List.of()).machine("M1", List.of()))
        .hasMessage("machine M1 is declared twice");
    assertThatThrownBy(() -> new Window(10, 10)).hasMessageContaining("must end after it starts");
  }

  @Test
  void shouldComputeALowerBoundFromJobsAndMachines() {
    JobShop shop =
        JobShop.builder("x")
            .machine("M1", List.of())
            .machine("M2", List.of())
            .job(
                new JobSpec(
                    "J1",
                    0,
                    List.of(
                        new OperationSpec("a", "M1", 4, null),
                        new OperationSpec("b", "M2", 3, null))))
            .job(new JobSpec("J2", 2, List.of(new OperationSpec("a", "M1", 5, null))))
            .build();

    // Machine M1: earliest start 0, load 9; job J1 path 7; job J2 2+5 = 7.
    assertThat(shop.lowerBound()).isEqualTo(9);
  }

  @Test
  void shouldPlaceOperationsAroundUnavailabilityWindows() {
    MachineCalendar calendar =
        MachineCalendar.of(List.of(new Window(20, 30), new Window(10, 15), new Window(14, 18)));

    assertThat(calendar.windows()).containsExactly(new Window(10, 18), new Window(20, 30));
    assertThat(calendar.earliestStart(0, 10)).isEqualTo(0);
    assertThat(calendar.earliestStart(0, 11)).isEqualTo(30);
    assertThat(calendar.earliestStart(9, 1)).isEqualTo(9);
    assertThat(calendar.earliestStart(12, 1)).isEqualTo(18);
    assertThat(calendar.earliestStart(18, 2)).isEqualTo(18);
    assertThat(calendar.earliestStart(18, 3)).isEqualTo(30);
    assertThat(calendar.earliestStart(25, 0)).isEqualTo(30);
    assertThat(calendar.earliestStart(30, 100)).isEqualTo(30);
  }

  @Test
  void shouldFindEveryKindOfInfeasibility() {
    JobShop shop =
        JobShop.builder("x")
            .machine("M1", List.of(new Window(100, 110)))
            .machine("M2", List.of())
            .job(
                new JobSpec(
                    "J1",
                    0,
                    List.of(
                        new OperationSpec("a", "M1", 10, null),
                        new OperationSpec("b", "M2", 10, null))))
            .job(new JobSpec("J2", 5, List.of(new OperationSpec("a", "M1", 10, null))))
            .build();

    assertThat(new Schedule(shop, new int[] {0, 10, 10}).violations()).isEmpty();
    assertThat(new Schedule(shop, new int[] {0, 5, 10}).violations())
        .containsExactly("job J1 operation b starts at 5 before job J1 operation a ends at 10");
    assertThat(new Schedule(shop, new int[] {0, 10, 5}).violations())
        .containsExactly("job J2 operation a at 5 overlaps job J1 operation a on machine M1");
    assertThat(new Schedule(shop, new int[] {0, 10, 3}).violations())
        .contains("job J2 operation a starts at 3 before its release 5");
    assertThat(new Schedule(shop, new int[] {0, 10, 95}).violations())
        .containsExactly(
            "job J2 operation a at 95 overlaps an unavailability window of its machine");
  }

  private static JobShop oneJob(OperationSpec... operations) {
    return JobShop.builder("x")
        .machine("M1", List.of())
        .job(new JobSpec("J1", 0, List.of(operations)))
        .build();
  }
}
