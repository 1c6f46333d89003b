package io.plantline.gateway.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment: its log ({@code segment-<firstIndex>.log}), its {@link AckLog} ({@code .acks}) and
 * its in-memory index. Indexes inside a segment are contiguous, so record {@code i} has ordinal
 * {@code i - firstIndex}; the index holds one int position per record and one acknowledged bit
 * (about 4 bytes per record, 13 MB for a 1 GB journal of 300-byte records). Payloads stay on disk.
 *
 * <p>Everything but {@link #reader()} is guarded by the journal lock.
 */
final class Segment {
  private static final Pattern LOG_NAME = Pattern.compile("segment-(\\d{1,19})\\.log");
  private static final int SPAN_BYTES = 1 << 20;

  private final long firstIndex;
  private final Path logPath;
  private final SegmentReader reader;
  private final AckLog acks;
  private final BitSet acked;
  private AppendFile log;
  private int[] positions;
  private int count;
  private long size;
  private int ackedCount;
  private int firstUnacked;

  private Segment(
      long firstIndex,
      Path logPath,
      AppendFile log,
      AckLog acks,
      BitSet acked,
      SegmentReader reader) {
    this.firstIndex = firstIndex;
    this.acked = acked;
    this.logPath = logPath;
    this.log = log;
    this.acks = acks;
    this.reader = reader;
  }

  /** Creates the files of a new, empty, writable segment. */
  static Segment create(Path directory, long firstIndex) throws IOException {
    Path logPath = directory.resolve(logName(firstIndex));
    Path ackPath = directory.resolve(ackName(firstIndex));
    AppendFile log = AppendFile.create(logPath);
    AckLog acks = null;
    try {
      acks = AckLog.create(ackPath);
      Segment segment =
          new Segment(firstIndex, logPath, log, acks, new BitSet(), SegmentReader.open(logPath));
      segment.positions = new int[1024];
      return segment;
    } catch (IOException | RuntimeException e) {
      log.close();
      if (acks != null) {
        acks.close();
      }
      Files.deleteIfExists(logPath);
      Files.deleteIfExists(ackPath);
      throw e;
    }
  }

  /** A sealed segment found on open, with its acknowledgements re-applied. */
  static Segment recover(Path directory, long firstIndex, SegmentScanner.Scan scan)
      throws IOException {
    Path logPath = directory.resolve(logName(firstIndex));
    BitSet acked = new BitSet(scan.recordCount());
    AckLog acks =
        AckLog.recover(
            directory.resolve(ackName(firstIndex)), firstIndex, scan.recordCount(), acked);
    SegmentReader reader;
    try {
      reader = SegmentReader.open(logPath);
    } catch (IOException e) {
      acks.close();
      throw e;
    }
    Segment segment = new Segment(firstIndex, logPath, null, acks, acked, reader);
    segment.positions = scan.positions();
    segment.count = scan.recordCount();
    segment.size = scan.validBytes();
    segment.ackedCount = acked.cardinality();
    return segment;
  }

  static String logName(long firstIndex) {
    return "segment-" + firstIndex + ".log";
  }

  static String ackName(long firstIndex) {
    return "segment-" + firstIndex + ".acks";
  }

  /** The first index encoded in a segment log's file name, if it is one. */
  static OptionalLong parseLogName(String fileName) {
    Matcher matcher = LOG_NAME.matcher(fileName);
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(matcher.group(1)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // beyond Long.MAX_VALUE: not one of ours
    }
  }

  long firstIndex() {
    return firstIndex;
  }

  /** The index the next record of this segment would get. */
  long nextIndex() {
    return firstIndex + count;
  }

  int recordCount() {
    return count;
  }

  int unacked() {
    return count - ackedCount;
  }

  long size() {
    return size;
  }

  boolean contains(long index) {
    return index >= firstIndex && index - firstIndex < count;
  }

  AppendFile logFile() {
    return log;
  }

  AppendFile ackFile() {
    return acks.file();
  }

  SegmentReader reader() {
    return reader;
  }

  /** Appends a stamped frame whose index is {@link #nextIndex()}. */
  void append(byte[] frame) throws IOException {
    if (count == positions.length) {
      positions = Arrays.copyOf(positions, count + (count >> 1) + 16);
    }
    log.append(frame, 0, frame.length);
    positions[count++] = (int) size;
    size += frame.length;
  }

  /** Acknowledges a record of this segment; false if it was acknowledged already. */
  boolean acknowledge(long index) throws IOException {
    int ordinal = (int) (index - firstIndex);
    if (acked.get(ordinal)) {
      return false;
    }
    acks.append(index);
    acked.set(ordinal);
    ackedCount++;
    return true;
  }

  /** Index of the oldest unacknowledged record, or -1; amortised O(1). */
  long firstUnackedIndex() {
    firstUnacked = acked.nextClearBit(firstUnacked);
    return firstUnacked < count ? firstIndex + firstUnacked : -1;
  }

  /**
   * Adds spans of unacknowledged records with index {@code >= fromIndex}, at most {@code max}
   * records; returns how many it added.
   */
  int collect(long fromIndex, int max, List<ReadSpan> out) {
    if (fromIndex >= nextIndex()) {
      return 0;
    }
    firstUnackedIndex();
    int ordinal = (int) Math.max(firstUnacked, fromIndex - firstIndex);
    int collected = 0;
    while (collected < max) {
      int start = acked.nextClearBit(ordinal);
      if (start >= count) {
        break;
      }
      int end = acked.nextSetBit(start);
      end = end < 0 || end > count ? count : end;
      end = fitSpan(start, (int) Math.min(end, (long) start + (max - collected)));
      int[] bounds = new int[end - start + 1];
      for (int i = 1; i < bounds.length; i++) {
        bounds[i] = (int) (endOf(start + i - 1) - positions[start]);
      }
      out.add(new ReadSpan(this, firstIndex + start, positions[start], bounds));
      collected += end - start;
      ordinal = end;
    }
    return collected;
  }

  /** Flushes and closes the log for writing; the segment stays readable. */
  void seal() throws IOException {
    if (log != null) {
      log.sync();
      log.close();
      log = null;
      positions = Arrays.copyOf(positions, count);
    }
  }

  /** Closes every file without forcing anything. */
  void close() throws IOException {
    IOException error = null;
    for (Closer closer : new Closer[] {() -> closeLog(), acks::close, reader::close}) {
      try {
        closer.close();
      } catch (IOException e) {
        error = e;
      }
    }
    if (error != null) {
      throw error;
    }
  }

  /** Closes and deletes the files: the log first, so a crash leaves at most an orphan ack log. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(logPath);
    Files.deleteIfExists(acks.path());
  }

  private interface Closer {
    void close() throws IOException;
  }

  private void closeLog() throws IOException {
    if (log != null) {
      log.close();
    }
  }

  private long endOf(int ordinal) {
    return ordinal + 1 < count ? positions[ordinal + 1] : size;
  }

  /** Shortens {@code [start, end)} so that one read stays near {@value #SPAN_BYTES} bytes. */
  private int fitSpan(int start, int end) {
    long limit = (long) positions[start] + SPAN_BYTES;
    if (endOf(end - 1) <= limit) {
      return end;
    }
    int found = Arrays.binarySearch(positions, start + 1, end, (int) limit);
    int fitting = found >= 0 ? found : -found - 2;
    return Math.max(fitting, start + 1);
  }
}
