package io.plantline.scheduling.domain.production;

import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import java.time.Instant;

/**
 * Something that takes a machine out of a schedule for a while: a breakdown reported by an
 * operator, or maintenance planned in a work order. The schedule is re-planned from {@code from}.
 *
 * @param machine the machine's id
 * @param from when it stops (the re-planning instant)
 * @param to when it is expected back
 * @param reason why, shown in the schedule
 * @param key what caused it, unique per cause ("work-order WO-1 v3"), so a cause seen twice
 *     re-plans once
 */
public record Disruption(String machine, Instant from, Instant to, String reason, String key) {
  /** Rejects a missing machine or an empty window. */
  public Disruption {
    if (machine == null || machine.isBlank()) {
      throw new InvalidJobShopException("machine is missing");
    }
    if (from == null || to == null || !to.isAfter(from)) {
      throw new InvalidJobShopException("to must be after from");
    }
    if (reason == null || reason.isBlank()) {
      throw new InvalidJobShopException("reason is missing");
    }
    if (key == null || key.isBlank()) {
      throw new InvalidJobShopException("key is missing");
    }
  }
}
