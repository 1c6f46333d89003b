package io.plantline.gateway.forward;

import io.plantline.gateway.journal.Journal;
import io.plantline.gateway.journal.JournalRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records from the journal to every uplink, in journal order (so in order per device), and
 * acknowledges a record in the journal only when every uplink has acknowledged it; only then may
 * the journal delete it. After an uplink lost records in flight it resends, from the oldest record
 * it has not acknowledged. While a backlog is replayed the send rate is capped at {@code
 * replayMaxRecordsPerSecond} so the replay does not starve the links; under normal load records go
 * out as soon as they are journaled. Runs on its own thread: journal reads touch the disk.
 *
 * <p>{@code onAcknowledged} hears of each record acknowledged by every uplink; {@code onRewind} the
 * name of an uplink each time it is rewound to its oldest unacknowledged record.
 */
public final class Forwarder implements AutoCloseable {
  /** Hears of each record once every uplink acknowledged it (on the forwarder's thread). */
  public interface Acknowledgements {
    void acknowledged(long journalIndex, long appendedAtMillis);
  }

  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
  private static final int READ_BATCH = 512;

  private record Ack(int uplink, long index, long appendedAtMillis) {}

  private final Journal journal;
  private final List<Uplink> uplinks;
  private final long[] cursor;
  private final AtomicBoolean[] resend;
  private final Map<Long, Set<Integer>> partialAcks = new HashMap<>();
  private final LinkedBlockingQueue<Ack> acks = new LinkedBlockingQueue<>();
  private final RateLimiter replayLimiter;
  private final Acknowledgements onAcknowledged;
  private final Consumer<String> onRewind;
  private final Thread thread;
  private volatile boolean running = true;

  public Forwarder(
      Journal journal,
      List<Uplink> uplinks,
      int replayMaxRecordsPerSecond,
      Acknowledgements onAcknowledged,
      Consumer<String> onRewind) {
    if (uplinks.isEmpty()) {
      throw new IllegalArgumentException("at least one uplink");
    }
    this.journal = journal;
    this.uplinks = List.copyOf(uplinks);
    this.cursor = new long[uplinks.size()];
    this.resend = new AtomicBoolean[uplinks.size()];
    this.replayLimiter = new RateLimiter(replayMaxRecordsPerSecond);
    this.onAcknowledged = onAcknowledged;
    this.onRewind = onRewind;
    for (int i = 0; i < uplinks.size(); i++) {
      cursor[i] = -1;
      AtomicBoolean flag = new AtomicBoolean();
      resend[i] = flag;
      uplinks.get(i).onResendNeeded(() -> flag.set(true));
    }
    this.thread = new Thread(this::run, "journal-forwarder");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        boolean sent = false;
        for (int u = 0; u < uplinks.size(); u++) {
          sent |= pump(u);
        }
        Ack ack = acks.poll(sent ? 0 : 2, TimeUnit.MILLISECONDS);
        if (ack != null) {
          applyAck(ack);
          drainAcks();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("forwarder error, continuing", e);
      }
    }
  }

  /** Sends what fits into the uplink's window; true if anything was sent. */
  private boolean pump(int u) {
    Uplink uplink = uplinks.get(u);
    if (resend[u].getAndSet(false)) {
      cursor[u] = -1;
      onRewind.accept(uplink.name());
    }
    if (!uplink.ready()) {
      return false;
    }
    int room = Math.min(uplink.room(), READ_BATCH);
    if (room <= 0) {
      return false;
    }
    boolean replaying = journal.backlogRecords() > 4L * READ_BATCH;
    if (replaying) {
      room = Math.min(room, replayLimiter.available());
      if (room <= 0) {
        return false;
      }
    }
    List<JournalRecord> records = journal.readUnacknowledged(cursor[u], room);
    for (JournalRecord record : records) {
      cursor[u] = record.index();
      Set<Integer> ackedBy = partialAcks.get(record.index());
      if (ackedBy != null && ackedBy.contains(u)) {
        continue;
      }
      long index = record.index();
      long appendedAt = record.appendedAtMillis();
      int uplinkIndex = u;
      uplink.send(record, () -> acks.add(new Ack(uplinkIndex, index, appendedAt)));
      if (replaying) {
        replayLimiter.take(1);
      }
    }
    return !records.isEmpty();
  }

  private void drainAcks() {
    Ack ack;
    while ((ack = acks.poll()) != null) {
      applyAck(ack);
    }
  }

  private void applyAck(Ack ack) {
    if (uplinks.size() == 1) {
      journal.acknowledge(ack.index());
      onAcknowledged.acknowledged(ack.index(), ack.appendedAtMillis());
      return;
    }
    Set<Integer> ackedBy = partialAcks.computeIfAbsent(ack.index(), i -> new HashSet<>());
    ackedBy.add(ack.uplink());
    if (ackedBy.size() == uplinks.size()) {
      partialAcks.remove(ack.index());
      journal.acknowledge(ack.index());
      onAcknowledged.acknowledged(ack.index(), ack.appendedAtMillis());
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
