package io.plantline.ingestion.bridge;

/**
 * The recent sequence numbers of one source (one device in one boot epoch): the highest number seen
 * and, for the {@code size} numbers up to it, which have arrived and which were reported missing.
 * Two ring bitmaps of {@code size} bits; not thread-safe.
 */
final class SequenceWindow {
  private final long bootEpoch;
  private final int size;
  private final long[] seen;
  private final long[] holes;
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

  /** Records {@code seq} and says what it was; a jump past the highest yields the gap. */
  Observation observe(String deviceId, long seq) {
    if (seq > highest) {
      long previous = highest;
      advanceTo(seq);
      set(seen, seq);
      if (seq > previous + 1) {
        long first = previous + 1;
        long last = seq - 1;
        for (long s = Math.max(first, seq - size + 1); s <= last; s++) {
          set(holes, s);
        }
        return new Observation(
            Observation.Outcome.NEW,
            java.util.Optional.of(new Gap(deviceId, bootEpoch, first, last)));
      }
      return Observation.NEW;
    }
    if (seq <= highest - size) {
      return Observation.BEYOND_WINDOW;
    }
    if (get(seen, seq)) {
      return Observation.DUPLICATE;
    }
    set(seen, seq);
    if (get(holes, seq)) {
      clear(holes, seq);
      return Observation.LATE_FILL;
    }
    return Observation.NEW;
  }

  /** Forgets that {@code seq} arrived (its forwarding failed), so that a redelivery is new. */
  void forget(long seq) {
    if (seq <= highest && seq > highest - size) {
      clear(seen, seq);
    }
  }

  private void advanceTo(long seq) {
    long distance = seq - highest;
    if (distance >= size) {
      java.util.Arrays.fill(seen, 0);
      java.util.Arrays.fill(holes, 0);
    } else {
      for (long s = highest + 1; s <= seq; s++) {
        clear(seen, s);
        clear(holes, s);
      }
    }
    highest = seq;
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
}
