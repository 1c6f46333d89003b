package io.plantline.gateway.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a {@link Journal}. The constructor validates every field and throws an {@link
 * IllegalArgumentException} that names the offending one.
 *
 * @param directory where the segments live; created if missing; one journal per directory
 * @param maxBytes size bound of all segment files together, at least {@code 2 * segmentBytes}
 * @param segmentBytes roll size of a segment, {@value #MIN_SEGMENT_BYTES} B to 1 GiB (default 8
 *     MiB); a single record (key + payload + 28 bytes of framing) must fit into one segment
 * @param fsync when bytes are forced to the device
 * @param fsyncInterval period of the background fsync under {@link FsyncPolicy#INTERVAL}, positive
 *     and at most one hour (default 200 ms); required but unused by the other policies
 * @param overflow what an append does when the journal is full
 */
public record JournalConfig(
    Path directory,
    long maxBytes,
    long segmentBytes,
    FsyncPolicy fsync,
    Duration fsyncInterval,
    OverflowPolicy overflow) {

  /** Default roll size of a segment: 8 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;

  /** Default period of the background fsync under {@link FsyncPolicy#INTERVAL}: 200 ms. */
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(200);

  /** Smallest allowed segment: 1 KiB. */
  public static final long MIN_SEGMENT_BYTES = 1024;

  /** Largest allowed segment: 1 GiB. */
  public static final long MAX_SEGMENT_BYTES = 1L << 30;

  private static final Duration MAX_FSYNC_INTERVAL = Duration.ofHours(1);

  /** Validates every field; the message of the exception names the field. */
  public JournalConfig {
    require(directory != null, "directory must not be null");
    require(
        segmentBytes >= MIN_SEGMENT_BYTES && segmentBytes <= MAX_SEGMENT_BYTES,
        "segmentBytes must be between %d and %d but was %d",
        MIN_SEGMENT_BYTES,
        MAX_SEGMENT_BYTES,
        segmentBytes);
    require(
        maxBytes >= 2 * segmentBytes,
        "maxBytes must be at least 2 * segmentBytes = %d but was %d",
        2 * segmentBytes,
        maxBytes);
    require(fsync != null, "fsync must not be null");
    require(
        fsyncInterval != null
            && fsyncInterval.compareTo(Duration.ZERO) > 0
            && fsyncInterval.compareTo(MAX_FSYNC_INTERVAL) <= 0,
        "fsyncInterval must be positive and at most %s but was %s",
        MAX_FSYNC_INTERVAL,
        fsyncInterval);
    require(overflow != null, "overflow must not be null");
  }

  /** A configuration with the default segment size (8 MiB) and fsync interval (200 ms). */
  public static JournalConfig of(
      Path directory, long maxBytes, FsyncPolicy fsync, OverflowPolicy overflow) {
    return new JournalConfig(
        directory, maxBytes, DEFAULT_SEGMENT_BYTES, fsync, DEFAULT_FSYNC_INTERVAL, overflow);
  }

  private static void require(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(message.formatted(args));
    }
  }
}
