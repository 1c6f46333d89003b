package io.plantline.scheduling.domain;

import java.util.Optional;

/**
 * Port: which work order is active for a cause (asset and alarm rule), so that repeated alarms
 * attach to it. Claims are atomic (compare-and-set).
 */
public interface ActiveCauseIndex {

  /**
   * Claims the cause for {@code workOrderId} if nobody holds it.
   *
   * @return the holder when another work order holds the cause, empty when the claim succeeded or
   *     {@code workOrderId} already held it
   */
  Optional<String> claim(String assetId, String ruleId, String workOrderId);

  /** Moves the claim from {@code staleHolder} to {@code workOrderId}; false if it changed. */
  boolean replace(String assetId, String ruleId, String staleHolder, String workOrderId);

  /** Releases the cause if {@code workOrderId} holds it. */
  void release(String assetId, String ruleId, String workOrderId);
}
