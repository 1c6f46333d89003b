package io.plantline.contracts.quality;

/** What a {@link QualityEvent} reports. */
public enum QualityEventKind {
  /** A rule started firing on a characteristic's chart (its alarm is RAISED). */
  VIOLATION_RAISED,
  /** A rule that had fired stayed quiet long enough (its alarm is CLEARED). */
  VIOLATION_CLEARED
}
