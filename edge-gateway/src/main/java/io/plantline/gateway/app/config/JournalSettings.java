package io.plantline.gateway.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the store-and-forward journal keeps telemetry that is not yet acknowledged.
 *
 * @param directory the journal's own directory, absolute after loading
 * @param maxBytes the most disk space the journal may use, at least {@code 2 * segmentBytes}
 * @param segmentBytes the size at which a segment file is closed and a new one started
 * @param fsync {@code always} (each append), {@code interval} (every fsyncInterval) or {@code
 *     never} (left to the OS)
 * @param fsyncInterval the fsync period for {@code interval}
 * @param overflow what a full journal does: {@code drop-oldest} segments or {@code reject-new}
 *     appends
 */
public record JournalSettings(
    Path directory,
    long maxBytes,
    long segmentBytes,
    String fsync,
    Duration fsyncInterval,
    String overflow) {

  /** The accepted {@link #fsync()} values. */
  public static final List<String> FSYNC_POLICIES = List.of("always", "interval", "never");

  /** The accepted {@link #overflow()} values. */
  public static final List<String> OVERFLOW_POLICIES = List.of("drop-oldest", "reject-new");

  /** Checks the values that the loader checks, for records built in code. */
  public JournalSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    if (!FSYNC_POLICIES.contains(fsync)) {
      throw new IllegalArgumentException("fsync must be one of " + FSYNC_POLICIES + ": " + fsync);
    }
    if (!OVERFLOW_POLICIES.contains(overflow)) {
      throw new IllegalArgumentException(
          "overflow must be one of " + OVERFLOW_POLICIES + ": " + overflow);
    }
    if (segmentBytes <= 0 || maxBytes < 2 * segmentBytes) {
      throw new IllegalArgumentException(
          "maxBytes " + maxBytes + " must be at least twice segmentBytes " + segmentBytes);
    }
  }
}
