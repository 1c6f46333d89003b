package io.plantline.gateway.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads a journal directory on open: scans the segments in index order, cuts torn or corrupt tails
 * (counted and logged, never thrown), re-applies the persisted acknowledgements, and deletes
 * segments with nothing left to deliver and ack logs whose segment is gone.
 */
final class JournalRecovery {
  private static final System.Logger LOG = System.getLogger(JournalRecovery.class.getName());

  /**
   * What recovery found.
   *
   * @param segments segments with unacknowledged records, in index order
   * @param nextIndex one past the highest index found on disk (at least 1)
   * @param truncatedSegments segments whose tail was cut
   */
  record Result(List<Segment> segments, long nextIndex, int truncatedSegments) {}

  private JournalRecovery() {}

  static Result recover(JournalDirectory directory) throws IOException {
    deleteOrphanAckLogs(directory.path());
    List<Segment> live = new ArrayList<>();
    long nextIndex = 1;
    int truncated = 0;
    try {
      for (long firstIndex : directory.segmentFirstIndexes()) {
        Path log = directory.resolve(Segment.logName(firstIndex));
        SegmentScanner.Scan scan = SegmentScanner.scan(log, firstIndex);
        if (scan.truncatedBytes() > 0) {
          truncated++;
          LOG.log(
              System.Logger.Level.WARNING,
              "journal: cut a torn or corrupt tail of %d bytes off %s after %d intact records"
                  .formatted(scan.truncatedBytes(), log, scan.recordCount()));
        }
        Segment segment = Segment.recover(directory.path(), firstIndex, scan);
        nextIndex = Math.max(nextIndex, segment.nextIndex());
        if (segment.unacked() == 0) {
          segment.delete();
        } else {
          live.add(segment);
        }
      }
    } catch (IOException | RuntimeException e) {
      for (Segment segment : live) {
        closeQuietly(segment, e);
      }
      throw e;
    }
    return new Result(live, nextIndex, truncated);
  }

  /** A crash between deleting a segment's log and its ack log leaves the ack log behind. */
  private static void deleteOrphanAckLogs(Path directory) throws IOException {
    List<Path> ackLogs;
    try (Stream<Path> files = Files.list(directory)) {
      ackLogs =
          files
              .filter(f -> f.getFileName().toString().matches("segment-\\d{1,19}\\.acks"))
              .toList();
    }
    for (Path ackLog : ackLogs) {
      String name = ackLog.getFileName().toString();
      Path log = directory.resolve(name.substring(0, name.length() - ".acks".length()) + ".log");
      if (!Files.exists(log)) {
        Files.delete(ackLog);
      }
    }
  }

  private static void closeQuietly(Segment segment, Exception cause) {
    try {
      segment.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
