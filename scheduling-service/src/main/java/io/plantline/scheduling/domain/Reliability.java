package io.plantline.scheduling.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Mean time between failures and mean time to repair of one asset, from its work orders.
 *
 * <p>A failure is a work order caused by an alarm (a rule id is set; orders opened by hand are
 * planned work, not failures). MTBF is the mean gap between the opening times of successive
 * failures: (last − first) / (failures − 1), absent with fewer than two failures. MTTR is the mean
 * time from opening to completion of the failures that reached DONE or VERIFIED, absent when none
 * did. Cancelled orders count as failures for MTBF (the alarm happened) but not for MTTR.
 *
 * @param assetId the asset
 * @param failures number of alarm-caused work orders
 * @param repairs failures completed
 * @param mtbf mean time between failures, or null
 * @param mttr mean time to repair, or null
 */
public record Reliability(String assetId, int failures, int repairs, Duration mtbf, Duration mttr) {

  /**
   * One work order as far as reliability is concerned.
   *
   * @param alarmCaused whether an alarm opened it
   * @param openedAt when it was opened
   * @param completedAt when the work was done, or null
   */
  public record OrderTimes(boolean alarmCaused, Instant openedAt, Instant completedAt) {}

  /** Computes the figures; the order of {@code orders} does not matter. */
  public static Reliability of(String assetId, List<OrderTimes> orders) {
    List<OrderTimes> failures =
        orders.stream()
            .filter(OrderTimes::alarmCaused)
            .sorted(Comparator.comparing(OrderTimes::openedAt))
            .toList();
    Duration mtbf = null;
    if (failures.size() >= 2) {
      Duration span =
          Duration.between(
              failures.get(0).openedAt(), failures.get(failures.size() - 1).openedAt());
      mtbf = span.dividedBy(failures.size() - 1);
    }
    List<Duration> repairTimes =
        failures.stream()
            .filter(o -> o.completedAt() != null)
            .map(o -> Duration.between(o.openedAt(), o.completedAt()))
            .toList();
    Optional<Duration> total = repairTimes.stream().reduce(Duration::plus);
    Duration mttr = total.map(t -> t.dividedBy(repairTimes.size())).orElse(null);
    return new Reliability(assetId, failures.size(), repairTimes.size(), mtbf, mttr);
  }
}
