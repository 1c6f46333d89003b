package io.plantline.simulators.device;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The served-read counter of one device, the ground truth of a soak test: a uint32 at input
 * registers {@code address} and {@code address + 1} (high word first, ABCD, whatever the device's
 * map or a wrong-byte-order fault says) counting the read responses whose requested input-register
 * range covers {@code address}.
 *
 * <p>A response takes its number with {@link #serve()} before its registers are encoded, so each
 * carries its own count (1, 2, 3, ...). The count and the times of the first and last serve change
 * together under this object's lock: concurrent reads of one device never share or skip a number,
 * and {@link #snapshot()} is always consistent. The count is a {@code long}; the registers carry
 * its low 32 bits.
 */
public final class ServedCounter {
  /** Highest address: the counter needs {@code address + 1} too. */
  public static final int MAX_ADDRESS = 0xFFFE;

  private final int address;
  private final Clock clock;
  private long served;
  private Instant firstServedAt;
  private Instant lastServedAt;

  /** What a counter has served so far, read in one step. */
  public record Snapshot(
      long served, Optional<Instant> firstServedAt, Optional<Instant> lastServedAt) {}

  /**
   * @param address the input register of the high word, 0..{@value #MAX_ADDRESS}
   * @param clock source of the served-at times
   */
  public ServedCounter(int address, Clock clock) {
    if (address < 0 || address > MAX_ADDRESS) {
      throw new IllegalArgumentException(
          "served-read counter address must be 0.." + MAX_ADDRESS + ", was " + address);
    }
    this.address = address;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Input register of the high word; the low word is at {@code address() + 1}. */
  public int address() {
    return address;
  }

  /** Whether a read of {@code [offset, offset + quantity)} counts: it covers {@link #address()}. */
  public boolean covers(int offset, int quantity) {
    return offset <= address && address < offset + quantity;
  }

  /** Whether a read of {@code [offset, offset + quantity)} includes either counter register. */
  public boolean overlaps(int offset, int quantity) {
    return offset <= address + 1 && address < offset + quantity;
  }

  /**
   * Whether every register of {@code [offset, offset + quantity)} exists in an input table of
   * {@code imageSize} registers followed by this counter (the gap between them does not exist).
   */
  public boolean readable(int imageSize, int offset, int quantity) {
    int end = offset + quantity;
    int counterStart = address == imageSize ? 0 : address;
    return offset >= 0
        && quantity > 0
        && (end <= imageSize || (offset >= counterStart && end <= address + 2));
  }

  /** Counts one served response and returns its number. */
  public synchronized long serve() {
    Instant now = clock.instant();
    served++;
    if (firstServedAt == null) {
      firstServedAt = now;
    }
    lastServedAt = now;
    return served;
  }

  /** Responses served so far. */
  public synchronized long served() {
    return served;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(
        served, Optional.ofNullable(firstServedAt), Optional.ofNullable(lastServedAt));
  }

  /**
   * The word of {@code count} at input register {@code register}: the high word at {@link
   * #address()}, the low word after it, 0 elsewhere.
   */
  public short word(long count, int register) {
    if (register == address) {
      return (short) (count >>> 16);
    }
    return register == address + 1 ? (short) count : 0;
  }
}
