package io.plantline.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable store-and-forward journal of the edge gateway: records are appended to segment files
 * on disk, read back by the uplinks in append order, and deleted segment by segment once every
 * record in a segment is acknowledged.
 *
 * <p>Durability, precisely:
 *
 * <ul>
 *   <li>Every {@link #append} has written its record to the operating system before it returns, so
 *       a killed process ({@code kill -9}) loses nothing that was appended, under every policy.
 *   <li>{@link FsyncPolicy#ALWAYS}: append returns only after an fsync covering the record, so it
 *       also survives a power loss. Concurrent appenders share one fsync (group commit). An
 *       acknowledgement likewise returns only after its fsync.
 *   <li>{@link FsyncPolicy#INTERVAL}: a background thread forces every {@code fsyncInterval}; a
 *       power loss loses the records appended in at most the last interval (plus one fsync's
 *       duration).
 *   <li>{@link FsyncPolicy#NEVER}: the operating system decides; segments are forced when they are
 *       rolled and on {@link #close}.
 *   <li>Acknowledgements are persisted in a per-segment ack log with the same policy. After a clean
 *       {@link #close} no acknowledged record is delivered again. After a crash (kill -9) none is
 *       either, since acks also reach the OS at once. After a power loss, records acknowledged
 *       within the last fsync window may be delivered again (under INTERVAL and NEVER; under ALWAYS
 *       none): delivery is at-least-once and the plant side dedups by (deviceId, bootEpoch, seq).
 *   <li>Indexes start at 1, strictly increase in append order and are never reused, also across
 *       restarts and power losses (see {@code IndexReservation}); after a crash they may skip
 *       ahead.
 * </ul>
 *
 * <p>On {@link #open} the segments are scanned in order; a torn or corrupt tail is cut at the last
 * intact record, counted ({@link #truncatedSegments()}) and logged, never thrown. A directory holds
 * one open journal: a second process, or a second open in this JVM, gets an {@link
 * IllegalStateException}.
 *
 * <p>Thread-safe: appends from many threads, acknowledgements and reads from others. Calls block on
 * disk I/O (under ALWAYS on an fsync), so call them from worker threads, not an event loop. An
 * interrupt does not disturb the journal. If an fsync or a write fails in a way that leaves the
 * disk state unknown, the journal stops accepting appends and acknowledgements ({@link
 * UncheckedIOException}) but can still be read; reopen it to continue.
 */
public final class Journal implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Journal.class.getName());

  private final JournalConfig config;
  private final JournalDirectory directory;
  private final GroupCommit commit;
  private final IndexReservation reservation;
  private final SegmentSet segments;
  private final int truncatedSegments;
  private final ReentrantLock lock = new ReentrantLock();
  private final FailureLatch failure;
  private IntervalSyncer syncer;
  private long nextIndex;
  private boolean closed;
  private volatile long appended;
  private volatile long acknowledged;
  private volatile long dropped;
  private volatile long rejected;
  private volatile long backlogRecords;
  private volatile long backlogBytes;
  private volatile Oldest oldest;

  /** Cache of {@link #oldestUnacknowledgedMillis()}: it changes only when that record is acked. */
  private record Oldest(long index, long millis) {}

  private Journal(JournalConfig config, JournalDirectory directory, GroupCommit commit)
      throws IOException {
    this.config = config;
    this.directory = directory;
    this.commit = commit;
    this.failure = new FailureLatch(config.directory());
    JournalRecovery.Result recovered = JournalRecovery.recover(directory);
    this.segments = new SegmentSet(directory, commit, recovered.segments());
    this.truncatedSegments = recovered.truncatedSegments();
    try {
      this.reservation = IndexReservation.load(directory);
      this.nextIndex = Math.max(recovered.nextIndex(), reservation.bound());
      reservation.cover(nextIndex);
      segments.roll(nextIndex);
    } catch (IOException | RuntimeException e) {
      segments.abandon();
      throw e;
    }
    publishTotals();
  }

  /**
   * Opens the journal in {@code config.directory()}, creating the directory if needed and
   * recovering the segments found there.
   *
   * @throws UncheckedIOException if the directory cannot be read or written
   * @throws IllegalStateException if another journal holds the directory
   */
  public static Journal open(JournalConfig config) {
    Objects.requireNonNull(config, "config");
    JournalDirectory directory;
    try {
      directory = JournalDirectory.open(config.directory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open journal in " + config.directory(), e);
    }
    try {
      Journal journal = new Journal(config, directory, new GroupCommit());
      journal.startSyncer();
      LOG.log(
          System.Logger.Level.INFO,
          "journal %s open: %d unacknowledged records, %d bytes, next index %d, fsync %s"
              .formatted(
                  config.directory(),
                  journal.backlogRecords,
                  journal.backlogBytes,
                  journal.nextIndex,
                  config.fsync()));
      return journal;
    } catch (IOException | RuntimeException e) {
      directory.releaseQuietly(e);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot open journal in " + config.directory(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Appends a record and returns its index. The record is in the OS when this returns; under {@link
   * FsyncPolicy#ALWAYS} it is also on the device.
   *
   * @throws JournalFullException under {@link OverflowPolicy#REJECT_NEW} when it does not fit
   * @throws IllegalArgumentException if the record (key + payload + 28 bytes) exceeds a segment
   * @throws IllegalStateException if the journal is closed
   * @throws UncheckedIOException if the disk failed; nothing was appended
   */
  public long append(String key, byte[] payload) {
    byte[] frame = RecordFormat.newFrame(key, payload, config.segmentBytes());
    long index;
    long ticket;
    lock.lock();
    try {
      ensureWritable();
      makeRoomFor(frame.length);
      index = nextIndex;
      reservation.cover(index);
      RecordFormat.stamp(frame, index, System.currentTimeMillis());
      segments.append(frame);
      nextIndex = index + 1;
      appended++;
      ticket = commit.written(segments.active().logFile());
      publishTotals();
    } catch (IOException e) {
      throw failure.failed("append", e);
    } finally {
      lock.unlock();
    }
    awaitDurable(ticket);
    return index;
  }

  /**
   * Acknowledges a record: it is no longer delivered, and its segment is deleted once all of its
   * records are acknowledged. Idempotent; an unknown index is ignored.
   */
  public void acknowledge(long index) {
    long ticket;
    lock.lock();
    try {
      ensureWritable();
      ticket = segments.acknowledge(index);
      if (ticket == 0) {
        return;
      }
      acknowledged++;
      publishTotals();
    } catch (IOException e) {
      throw failure.failed("acknowledge", e);
    } finally {
      lock.unlock();
    }
    awaitDurable(ticket);
  }

  /**
   * The unacknowledged records with an index above {@code afterIndex}, in index (= append) order,
   * at most {@code max}; {@code readUnacknowledged(0, n)} starts at the oldest. A snapshot: a
   * record acknowledged concurrently may still be returned. Payloads are read from disk.
   */
  public List<JournalRecord> readUnacknowledged(long afterIndex, int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative but was " + max);
    }
    List<ReadSpan> spans;
    lock.lock();
    try {
      ensureOpen();
      spans = segments.collect(afterIndex, max);
    } finally {
      lock.unlock();
    }
    List<JournalRecord> records = new ArrayList<>();
    try {
      for (ReadSpan span : spans) {
        readSpan(span, records);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal in " + config.directory(), e);
    }
    return records;
  }

  /** Number of unacknowledged records, including those recovered on open. */
  public long backlogRecords() {
    return backlogRecords;
  }

  /** Bytes of the segment logs on disk (the ack logs add at most 12 bytes per record). */
  public long backlogBytes() {
    return backlogBytes;
  }

  /** Append time of the oldest unacknowledged record; empty if there is none or once closed. */
  public OptionalLong oldestUnacknowledgedMillis() {
    try {
      while (true) {
        ReadSpan first;
        lock.lock();
        try {
          List<ReadSpan> spans = closed ? List.of() : segments.collect(0, 1);
          if (spans.isEmpty()) {
            return OptionalLong.empty();
          }
          first = spans.get(0);
        } finally {
          lock.unlock();
        }
        Oldest cached = oldest;
        if (cached == null || cached.index() != first.firstIndex()) {
          long position = first.position() + RecordFormat.APPENDED_AT_OFFSET;
          byte[] millis = first.segment().reader().read(position, Long.BYTES);
          if (millis == null) {
            continue; // deleted meanwhile: look again
          }
          cached = new Oldest(first.firstIndex(), ByteBuffer.wrap(millis).getLong());
          oldest = cached;
        }
        return OptionalLong.of(cached.millis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal in " + config.directory(), e);
    }
  }

  /** Records appended since open. */
  public long appendedRecords() {
    return appended;
  }

  /** Records acknowledged since open (each counted once). */
  public long acknowledgedRecords() {
    return acknowledged;
  }

  /**
   * Unacknowledged records dropped since open: by {@link OverflowPolicy#DROP_OLDEST} or unreadable.
   */
  public long droppedRecords() {
    return dropped;
  }

  /** Appends rejected since open by {@link OverflowPolicy#REJECT_NEW}. */
  public long rejectedRecords() {
    return rejected;
  }

  /** Segments whose torn or corrupt tail was cut on open. */
  public long truncatedSegments() {
    return truncatedSegments;
  }

  /**
   * Forces everything written, stores the next index and closes the files; idempotent.
   *
   * @throws UncheckedIOException if the final fsync failed
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    stopSyncer();
    IOException error = null;
    try {
      commit.syncAll();
    } catch (IOException e) {
      error = e;
    }
    lock.lock();
    try {
      segments.close();
      if (error == null && !failure.tripped()) {
        reservation.store(nextIndex);
      }
    } catch (IOException e) {
      error = e;
    } finally {
      directory.releaseQuietly(error);
      lock.unlock();
    }
    if (error != null) {
      throw new UncheckedIOException("journal " + config.directory() + " closed uncleanly", error);
    }
  }

  /** Stops like a killed process: no fsync, no deletion, files closed, directory unlocked. */
  void crashForTesting() {
    lock.lock();
    try {
      closed = true;
      if (syncer != null) {
        syncer.kill();
      }
      segments.abandon();
      directory.releaseQuietly(null);
    } finally {
      lock.unlock();
    }
  }

  /** Number of fsync rounds of the group commit so far; for tests and the benchmark. */
  long syncCount() {
    return commit.syncCount();
  }

  private void makeRoomFor(int frameBytes) throws IOException {
    try {
      dropped += segments.makeRoom(frameBytes, nextIndex, config);
    } catch (JournalFullException e) {
      rejected++;
      publishTotals();
      throw e;
    }
  }

  private void readSpan(ReadSpan span, List<JournalRecord> out) throws IOException {
    byte[] data = span.segment().reader().read(span.position(), span.bytes());
    if (data != null) { // null: deleted meanwhile, every record acknowledged or dropped
      span.decodeInto(data, out, this::dropUnreadable);
    }
  }

  /** A record that was intact when written but fails its CRC now: dropping beats a stuck uplink. */
  private void dropUnreadable(long index) {
    LOG.log(System.Logger.Level.ERROR, "journal: record " + index + " is corrupt; dropping it");
    lock.lock();
    try {
      if (!closed && !failure.tripped() && segments.acknowledge(index) != 0) {
        dropped++;
        publishTotals();
      }
    } catch (IOException e) {
      failure.trip(e);
    } finally {
      lock.unlock();
    }
  }

  private void awaitDurable(long ticket) {
    if (config.fsync() != FsyncPolicy.ALWAYS) {
      return;
    }
    try {
      commit.awaitDurable(ticket);
    } catch (IOException e) {
      failure.trip(e);
      throw new UncheckedIOException("journal fsync failed in " + config.directory(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("journal " + config.directory() + " is closed");
    }
  }

  private void ensureWritable() {
    ensureOpen();
    failure.check();
  }

  private void publishTotals() {
    backlogRecords = segments.unacked();
    backlogBytes = segments.bytes();
  }

  private void startSyncer() {
    if (config.fsync() == FsyncPolicy.INTERVAL) {
      syncer =
          IntervalSyncer.start(
              commit, config.fsyncInterval(), "journal-fsync " + config.directory(), failure::trip);
    }
  }

  private void stopSyncer() {
    if (syncer != null) {
      syncer.stop();
    }
  }
}
