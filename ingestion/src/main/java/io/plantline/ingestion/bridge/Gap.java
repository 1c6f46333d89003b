package io.plantline.ingestion.bridge;

/**
 * Batches of one source that the bridge saw go missing: the sequence numbers {@code firstMissing}
 * to {@code lastMissing} (inclusive) of {@code deviceId} in {@code bootEpoch} had not arrived when
 * a later one did.
 *
 * @param deviceId the device
 * @param bootEpoch the gateway boot the numbers belong to
 * @param firstMissing first missing sequence number
 * @param lastMissing last missing sequence number, at least {@code firstMissing}
 */
public record Gap(String deviceId, long bootEpoch, long firstMissing, long lastMissing) {

  /** Checks the range. */
  public Gap {
    if (lastMissing < firstMissing) {
      throw new IllegalArgumentException("empty gap " + firstMissing + ".." + lastMissing);
    }
  }

  /** How many batches are missing. */
  public long missingBatches() {
    return lastMissing - firstMissing + 1;
  }

  /** The text of the GAP status event, for example {@code seq 41..57 missing (17 batches)}. */
  public String reason() {
    long n = missingBatches();
    return "seq "
        + firstMissing
        + ".."
        + lastMissing
        + " missing ("
        + n
        + (n == 1 ? " batch)" : " batches)");
  }
}
