package io.plantline.ingestion.bridge;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The recent sequence numbers of one source (one device in one boot epoch): the highest number seen
 * and, for the {@code size} numbers up to it, which have arrived and which are missing. Two ring
 * bitmaps of {@code size} bits plus the ranges of missing numbers not yet reported (each with the
 * time it opened); not thread-safe.
 *
 * <p>A jump past the highest number opens a pending range instead of reporting it at once: QoS 1
 * redeliveries after a reconnect and the broker's queue can deliver a source's batches out of
 * order, so a number missing now may arrive a moment later. {@link #confirm} reports what is still
 * missing of a range once it is older than the grace period; what would slide out of the window
 * first is reported when it slides out (its bits are then reused).
 */
final class SequenceWindow {
  private final long bootEpoch;
  private final int size;
  private final long[] seen;
  private final long[] holes;
  private final ArrayDeque<PendingRange> pending = new ArrayDeque<>();
  private long highest;

  SequenceWindow(long bootEpoch, int size, long firstSeq) {
    this.bootEpoch = bootEpoch;
    this.size = size;
    this.seen = new long[(size + 63) / 64];
    this.holes = new long[(size + 63) / 64];
    this.highest = firstSeq;
    set(seen, firstSeq);
  }

  long bootEpoch() {
    return bootEpoch;
  }

  long highest() {
    return highest;
  }

  /** Whether missing numbers wait for their grace period to pass. */
  boolean hasPending() {
    return !pending.isEmpty();
  }

  /**
   * Records {@code seq} seen at {@code nowMillis} and says what it was. Missing numbers that can no
   * longer be told apart (beyond the window after a jump) are added to {@code confirmed}.
   */
  Observation.Outcome observe(Source source, long seq, long nowMillis, List<Gap> confirmed) {
    if (seq > highest) {
      long previous = highest;
      advanceTo(source, seq, confirmed);
      set(seen, seq);
      if (seq > previous + 1) {
        long first = previous + 1;
        long last = seq - 1;
        long tracked = Math.max(first, seq - size + 1);
        if (tracked > first) {
          confirmed.add(new Gap(source, bootEpoch, first, tracked - 1));
        }
        if (tracked <= last) {
          for (long s = tracked; s <= last; s++) {
            set(holes, s);
          }
          pending.addLast(new PendingRange(tracked, last, nowMillis));
        }
      }
      return Observation.Outcome.NEW;
    }
    if (seq <= highest - size) {
      return Observation.Outcome.BEYOND_WINDOW;
    }
    if (get(seen, seq)) {
      return Observation.Outcome.DUPLICATE;
    }
    set(seen, seq);
    if (get(holes, seq)) {
      clear(holes, seq);
      return isPending(seq) ? Observation.Outcome.REORDERED : Observation.Outcome.LATE_FILL;
    }
    return Observation.Outcome.NEW;
  }

  /**
   * Reports, into {@code confirmed}, what is still missing of every range that opened at or before
   * {@code openedBy}, and stops waiting for those ranges.
   */
  void confirm(Source source, long openedBy, List<Gap> confirmed) {
    while (!pending.isEmpty() && pending.peekFirst().openedAtMillis() <= openedBy) {
      PendingRange range = pending.pollFirst();
      reportMissing(source, range.first(), range.last(), confirmed);
    }
  }

  /** Forgets that {@code seq} arrived (its forwarding failed), so that a redelivery is new. */
  void forget(long seq) {
    if (seq <= highest && seq > highest - size) {
      clear(seen, seq);
    }
  }

  private boolean isPending(long seq) {
    for (PendingRange range : pending) {
      if (seq >= range.first() && seq <= range.last()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Moves the highest number to {@code seq}. The numbers that slide out of the window lose their
   * bits, so pending ranges reaching into them are reported first.
   */
  private void advanceTo(Source source, long seq, List<Gap> confirmed) {
    long leaving = seq - size; // numbers at or below this leave the window
    Iterator<PendingRange> it = pending.iterator();
    while (it.hasNext()) {
      PendingRange range = it.next();
      if (range.first() > leaving) {
        break; // ranges are in order of their numbers
      }
      it.remove();
      reportMissing(source, range.first(), range.last(), confirmed);
    }
    long distance = seq - highest;
    if (distance >= size) {
      Arrays.fill(seen, 0);
      Arrays.fill(holes, 0);
    } else {
      for (long s = highest + 1; s <= seq; s++) {
        clear(seen, s);
        clear(holes, s);
      }
    }
    highest = seq;
  }

  /** Adds the runs of numbers in {@code first..last} whose hole bits are still set. */
  private void reportMissing(Source source, long first, long last, List<Gap> confirmed) {
    long runStart = -1;
    for (long s = first; s <= last; s++) {
      if (get(holes, s)) {
        if (runStart < 0) {
          runStart = s;
        }
      } else if (runStart >= 0) {
        confirmed.add(new Gap(source, bootEpoch, runStart, s - 1));
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      confirmed.add(new Gap(source, bootEpoch, runStart, last));
    }
  }

  private int index(long seq) {
    return (int) Math.floorMod(seq, (long) size);
  }

  private boolean get(long[] bits, long seq) {
    int i = index(seq);
    return (bits[i >>> 6] & (1L << (i & 63))) != 0;
  }

  private void set(long[] bits, long seq) {
    int i = index(seq);
    bits[i >>> 6] |= 1L << (i & 63);
  }

  private void clear(long[] bits, long seq) {
    int i = index(seq);
    bits[i >>> 6] &= ~(1L << (i & 63));
  }

  private record PendingRange(long first, long last, long openedAtMillis) {}
}
