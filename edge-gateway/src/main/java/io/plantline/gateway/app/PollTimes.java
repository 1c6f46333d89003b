package io.plantline.gateway.app;

/**
 * When the poll of each recent journal record began, by journal index, in a fixed ring: enough to
 * measure poll-to-acknowledgement latency of live traffic without touching the journal format. A
 * record that left the ring (a long backlog) has no time; its latency is not measured.
 */
final class PollTimes {
  private final long[] indexes;
  private final long[] polledAtMillis;
  private final int mask;

  /** {@code capacity} must be a power of two. */
  PollTimes(int capacity) {
    if (Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
    }
    this.indexes = new long[capacity];
    this.polledAtMillis = new long[capacity];
    this.mask = capacity - 1;
  }

  synchronized void record(long journalIndex, long polledAt) {
    int slot = (int) (journalIndex & mask);
    indexes[slot] = journalIndex;
    polledAtMillis[slot] = polledAt;
  }

  /** When the record's poll began, or 0 if it is no longer known. */
  synchronized long polledAt(long journalIndex) {
    int slot = (int) (journalIndex & mask);
    return indexes[slot] == journalIndex ? polledAtMillis[slot] : 0;
  }
}
