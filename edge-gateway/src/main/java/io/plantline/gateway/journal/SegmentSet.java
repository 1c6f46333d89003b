package io.plantline.gateway.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The segments of an open journal in index order; the last one, the active segment, receives the
 * appends. Keeps the totals (bytes on disk, unacknowledged records) and deletes a segment once it
 * is sealed and fully acknowledged, or when it is dropped. Not thread-safe: guarded by the journal
 * lock.
 */
final class SegmentSet {
  private static final System.Logger LOG = System.getLogger(SegmentSet.class.getName());

  private final JournalDirectory directory;
  private final GroupCommit commit;
  private final NavigableMap<Long, Segment> segments = new TreeMap<>();
  private Segment active;
  private long bytes;
  private long unacked;
  private boolean full;

  SegmentSet(JournalDirectory directory, GroupCommit commit, List<Segment> recovered) {
    this.directory = directory;
    this.commit = commit;
    for (Segment segment : recovered) {
      segments.put(segment.firstIndex(), segment);
      bytes += segment.size();
      unacked += segment.unacked();
    }
  }

  /**
   * Starts a new active segment for the records from {@code nextIndex} on; seals the previous one
   * (fsync) and deletes it if it has nothing left to deliver.
   */
  void roll(long nextIndex) throws IOException {
    Segment fresh = Segment.create(directory.path(), nextIndex);
    segments.put(nextIndex, fresh);
    Segment previous = active;
    active = fresh;
    directory.sync();
    if (previous != null) {
      previous.seal();
      if (previous.unacked() == 0) {
        delete(previous);
      }
    }
  }

  /**
   * Makes room for a frame of {@code frameBytes}: rolls the active segment if the frame does not
   * fit into it, then applies the overflow policy while the total would exceed {@code maxBytes}.
   * Returns the number of unacknowledged records dropped.
   *
   * @throws JournalFullException under {@link OverflowPolicy#REJECT_NEW} when it does not fit
   */
  long makeRoom(int frameBytes, long nextIndex, JournalConfig config) throws IOException {
    if (active.recordCount() > 0 && active.size() + frameBytes > config.segmentBytes()) {
      roll(nextIndex);
    }
    long lost = 0;
    while (bytes + frameBytes > config.maxBytes()) {
      long dropped = config.overflow() == OverflowPolicy.DROP_OLDEST ? dropOldest() : -1;
      if (dropped < 0) {
        JournalFullException e =
            new JournalFullException(
                "journal %s is full: %d of %d bytes used, a record of %d bytes does not fit"
                    .formatted(directory.path(), bytes, config.maxBytes(), frameBytes));
        if (!full) {
          full = true;
          LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; rejecting new records");
        }
        throw e;
      }
      lost += dropped;
      LOG.log(
          System.Logger.Level.WARNING,
          "journal %s is full: dropped its oldest segment with %d unacknowledged records"
              .formatted(directory.path(), dropped));
    }
    if (full) {
      full = false;
      LOG.log(System.Logger.Level.INFO, "journal " + directory.path() + " accepts records again");
    }
    return lost;
  }

  Segment active() {
    return active;
  }

  long bytes() {
    return bytes;
  }

  long unacked() {
    return unacked;
  }

  boolean hasSealed() {
    return segments.size() > 1;
  }

  /** Appends a stamped frame to the active segment. */
  void append(byte[] frame) throws IOException {
    active.append(frame);
    bytes += frame.length;
    unacked++;
  }

  /**
   * Persists the acknowledgement of {@code index}; returns the group-commit ticket that makes it
   * durable, or 0 if the index is unknown or was acknowledged already.
   */
  long acknowledge(long index) throws IOException {
    Map.Entry<Long, Segment> entry = segments.floorEntry(index);
    if (entry == null || !entry.getValue().contains(index)) {
      return 0;
    }
    Segment segment = entry.getValue();
    if (!segment.acknowledge(index)) {
      return 0;
    }
    unacked--;
    long ticket = commit.written(segment.ackFile());
    if (segment != active && segment.unacked() == 0) {
      ticket = delete(segment);
    }
    return ticket;
  }

  /** Deletes the oldest sealed segment; returns its unacknowledged records, or -1 if none. */
  long dropOldest() {
    Segment oldest = segments.firstEntry().getValue();
    if (oldest == active) {
      return -1;
    }
    long lost = oldest.unacked();
    delete(oldest);
    return lost;
  }

  /** Spans of the unacknowledged records after {@code afterIndex}, at most {@code max} records. */
  List<ReadSpan> collect(long afterIndex, int max) {
    List<ReadSpan> spans = new ArrayList<>();
    if (afterIndex == Long.MAX_VALUE) {
      return spans;
    }
    long fromIndex = Math.max(afterIndex, 0) + 1; // indexes start at 1
    Long start = segments.floorKey(fromIndex);
    Map<Long, Segment> tail = start == null ? segments : segments.tailMap(start, true);
    int remaining = max;
    for (Segment segment : tail.values()) {
      if (remaining == 0) {
        break;
      }
      remaining -= segment.collect(fromIndex, remaining, spans);
    }
    return spans;
  }

  /** Closes every file; deletes the active segment if it has nothing left to deliver. */
  void close() {
    for (Segment segment : List.copyOf(segments.values())) {
      if (segment == active && segment.unacked() == 0) {
        delete(segment);
      } else {
        closeQuietly(segment);
      }
    }
  }

  /** Closes every file without forcing or deleting anything, as a killed process would. */
  void abandon() {
    segments.values().forEach(SegmentSet::closeQuietly);
  }

  private long delete(Segment segment) {
    segments.remove(segment.firstIndex());
    bytes -= segment.size();
    unacked -= segment.unacked();
    try {
      segment.delete();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "journal: cannot delete " + segment.firstIndex(), e);
    }
    return commit.written(directory);
  }

  private static void closeQuietly(Segment segment) {
    try {
      segment.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "journal: cannot close a segment", e);
    }
  }
}
