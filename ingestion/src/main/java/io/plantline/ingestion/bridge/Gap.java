package io.plantline.ingestion.bridge;

/**
 * Batches of one source that the bridge saw go missing: the sequence numbers {@code firstMissing}
 * to {@code lastMissing} (inclusive) of {@code deviceId} in {@code bootEpoch} had not arrived when
 * a later one did.
 *
 * @param source the device and where it is
 * @param bootEpoch the gateway boot the numbers belong to
 * @param firstMissing first missing sequence number
 * @param lastMissing last missing sequence number, at least {@code firstMissing}
 */
public record Gap(Source source, long bootEpoch, long firstMissing, long lastMissing) {

  /** Checks the range. */
  public Gap {
    java.util.Objects.requireNonNull(source, "source");
    if (lastMissing < firstMissing) {
      throw new IllegalArgumentException("empty gap " + firstMissing + ".." + lastMissing);
    }
  }

  /** The device. */
  public String deviceId() {
    return source.deviceId();
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
