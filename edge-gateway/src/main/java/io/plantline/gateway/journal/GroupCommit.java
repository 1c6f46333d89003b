package io.plantline.gateway.journal;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: after writing, a writer takes a ticket ({@link #written}); to make its bytes
 * durable it waits for that ticket ({@link #awaitDurable}). The first waiter becomes the leader: it
 * takes every file written since the last fsync and forces them, outside any lock, while later
 * writers queue up; when it is done, one of them leads the next fsync for all of them. If writers
 * were waiting when the last fsync ended, the next leader first gives them {@value #GATHER_NANOS}
 * ns to write again, so that N concurrent writers cost about one fsync per round, not N (without
 * the pause they fall into two alternating cohorts). A lone writer never pauses.
 *
 * <p>A failed fsync is sticky: the state of the written bytes is unknown (the kernel may have
 * dropped the dirty pages), so every later wait fails too and the journal must be reopened.
 */
final class GroupCommit {

  /** Something that can be forced to the device. */
  interface Syncable {
    /** Forces the written bytes to the device. */
    void sync() throws IOException;
  }

  /** How long a leader lets writers released by the last fsync write again before forcing. */
  static final long GATHER_NANOS = 20_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition synced = lock.newCondition();
  private Set<Syncable> dirty = newDirtySet();
  private long written;
  private long durable;
  private boolean syncing;
  private int waiting;
  private boolean concurrent;
  private long syncs;
  private IOException failure;

  /** Records a completed write to {@code file}; returns the ticket that covers it. */
  long written(Syncable file) {
    lock.lock();
    try {
      dirty.add(file);
      return ++written;
    } finally {
      lock.unlock();
    }
  }

  /** Forces everything written so far. */
  void syncAll() throws IOException {
    long ticket;
    lock.lock();
    try {
      ticket = written;
    } finally {
      lock.unlock();
    }
    awaitDurable(ticket);
  }

  /**
   * Returns once every write up to {@code ticket} is forced to the device, leading an fsync if none
   * is running. Not interruptible (an interrupt is kept for the caller): the bytes are written and
   * the caller must learn whether they are durable.
   */
  void awaitDurable(long ticket) throws IOException {
    lock.lock();
    try {
      while (durable < ticket) {
        if (failure != null) {
          throw new IOException("an fsync of the journal failed: " + failure.getMessage(), failure);
        }
        if (syncing) {
          waiting++;
          try {
            synced.awaitUninterruptibly();
          } finally {
            waiting--;
          }
        } else {
          lead();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Number of fsync rounds so far (each may force several files). */
  long syncCount() {
    lock.lock();
    try {
      return syncs;
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held; releases it while forcing. */
  private void lead() {
    syncing = true;
    if (concurrent) {
      lock.unlock();
      LockSupport.parkNanos(GATHER_NANOS);
      lock.lock();
    }
    long target = written;
    Set<Syncable> batch = dirty;
    dirty = newDirtySet();
    IOException error = null;
    boolean done = false;
    lock.unlock();
    try {
      for (Syncable file : batch) {
        file.sync();
      }
      done = true;
    } catch (IOException e) {
      error = e;
    } catch (RuntimeException e) {
      error = new IOException(e);
    } finally {
      lock.lock();
      syncing = false;
      concurrent = waiting > 0;
      syncs++;
      if (done) {
        durable = Math.max(durable, target);
      } else if (failure == null) {
        failure = error != null ? error : new IOException("fsync aborted");
      }
      synced.signalAll();
    }
  }

  private static Set<Syncable> newDirtySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
