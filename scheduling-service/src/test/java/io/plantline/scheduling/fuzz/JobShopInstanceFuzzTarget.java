package io.plantline.scheduling.fuzz;

import io.plantline.scheduling.domain.jobshop.DispatchingRule;
import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import io.plantline.scheduling.domain.jobshop.JobShop;
import io.plantline.scheduling.domain.jobshop.JobShopFormat;
import io.plantline.scheduling.domain.jobshop.Schedule;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: an instance file in the OR-Library format. It must be read or refused with an {@link
 * InvalidJobShopException} naming the line; a small instance that is read must dispatch to a
 * schedule the checker finds feasible.
 */
public final class JobShopInstanceFuzzTarget {
  private JobShopInstanceFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] input) {
    JobShop shop;
    try {
      shop = JobShopFormat.parse("fuzz", new String(input, StandardCharsets.UTF_8));
    } catch (InvalidJobShopException e) {
      return;
    }
    if (shop.operationCount() <= 2_000) {
      Schedule schedule = DispatchingRule.MWKR.dispatch(shop);
      if (!schedule.violations().isEmpty()) {
        throw new IllegalStateException("infeasible dispatch: " + schedule.violations().get(0));
      }
    }
  }
}
