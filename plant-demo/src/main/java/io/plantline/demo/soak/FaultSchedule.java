package io.plantline.demo.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * When each fault happens: every kind {@code rounds} times, in an order drawn from the seed, evenly
 * spaced over the fault window so that each fault has time to recover before the next.
 */
public final class FaultSchedule {

  /** One planned fault: its offset from the start of the window and a seed for its targets. */
  public record PlannedFault(Duration at, FaultKind kind, long targetSeed) {}

  private FaultSchedule() {}

  /**
   * The plan.
   *
   * @param kinds the kinds to inject
   * @param rounds how often each kind is injected, at least 1
   * @param window the time over which the faults are spread
   * @param seed the seed of the order and of the targets
   */
  public static List<PlannedFault> plan(
      Set<FaultKind> kinds, int rounds, Duration window, long seed) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
    }
    Random random = new Random(seed);
    List<FaultKind> order = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      List<FaultKind> round = new ArrayList<>(kinds.stream().sorted().toList());
      Collections.shuffle(round, random);
      order.addAll(round);
    }
    List<PlannedFault> plan = new ArrayList<>();
    long slot = window.toMillis() / Math.max(1, order.size());
    for (int i = 0; i < order.size(); i++) {
      plan.add(new PlannedFault(Duration.ofMillis(slot * i), order.get(i), random.nextLong()));
    }
    return List.copyOf(plan);
  }
}
