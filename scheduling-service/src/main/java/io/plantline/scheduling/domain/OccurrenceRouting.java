package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.OpenWorkOrder;
import java.util.Optional;

/**
 * Where an {@link OpenWorkOrder} goes: a repeated alarm of the same asset and rule attaches to the
 * order still active for that cause; anything else opens (or re-delivers) its own order.
 */
public final class OccurrenceRouting {

  private OccurrenceRouting() {}

  /** The decision. */
  public sealed interface Route {}

  /** Open the command's own work order. */
  public record OpenOwn() implements Route {}

  /** Attach the alarm to this active work order of the same cause. */
  public record AttachTo(WorkOrder order) implements Route {}

  /**
   * Routes {@code command} given the order currently recorded as active for its (asset, rule), if
   * any.
   */
  public static Route route(OpenWorkOrder command, Optional<WorkOrder> activeForCause) {
    if (command.alarmId() == null || activeForCause.isEmpty()) {
      return new OpenOwn();
    }
    WorkOrder active = activeForCause.get();
    boolean sameCause =
        active.assetId().equals(command.assetId())
            && command.ruleId().equals(active.state().ruleId());
    if (!sameCause || !active.status().isActive() || active.id().equals(command.workOrderId())) {
      return new OpenOwn();
    }
    return new AttachTo(active);
  }
}
