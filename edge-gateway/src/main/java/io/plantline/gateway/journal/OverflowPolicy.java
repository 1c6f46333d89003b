package io.plantline.gateway.journal;

/**
 * What {@link Journal#append} does when the segments would exceed {@link JournalConfig#maxBytes()}.
 */
public enum OverflowPolicy {
  /**
   * Deletes the oldest whole segment(s), acknowledged or not, and counts their unacknowledged
   * records in {@link Journal#droppedRecords()}. Keeps the freshest data.
   */
  DROP_OLDEST,
  /**
   * Throws {@link JournalFullException} and counts it in {@link Journal#rejectedRecords()}; appends
   * succeed again once acknowledgements free a segment. Keeps the oldest data.
   */
  REJECT_NEW
}
