package io.plantline.scheduling.domain;

/** What an alarm clearance did to the work order it belongs to. */
public sealed interface ClearanceResult {

  /** The order was DONE and is now VERIFIED. */
  record Verified(String workOrderId, long version) implements ClearanceResult {}

  /** This clearance verified the order before (a redelivery). */
  record AlreadyVerified(String workOrderId) implements ClearanceResult {}

  /** The order is still active; it is verified when it is completed. */
  record AwaitingCompletion(String workOrderId) implements ClearanceResult {}

  /** No work order names the alarm (yet); the clearance is kept for one that will. */
  record NoWorkOrder(String alarmId) implements ClearanceResult {}

  /**
   * The clearance does not verify the order: it was cancelled or verified otherwise, or a later
   * alarm occurrence attached to it is the one whose clearance counts.
   */
  record NotApplicable(String workOrderId, String reason) implements ClearanceResult {}
}
