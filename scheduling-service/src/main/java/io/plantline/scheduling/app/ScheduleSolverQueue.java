package io.plantline.scheduling.app;

import io.plantline.scheduling.domain.production.ProductionSchedules;
import io.plantline.scheduling.domain.production.ScheduleStatus;
import io.plantline.scheduling.domain.production.ScheduleStore;
import io.plantline.scheduling.domain.production.ScheduleVersion;
import io.plantline.scheduling.domain.production.SolverQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves queued schedule versions one at a time on its own thread (each solve already uses every
 * core), in arrival order, so a re-plan always follows the version it re-plans. The queue is
 * bounded; versions left QUEUED or SOLVING by a stop are found again by {@link #recover}.
 */
public final class ScheduleSolverQueue implements SolverQueue, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleSolverQueue.class);

  private record Entry(String scheduleId, int version) {}

  private final ProductionSchedules schedules;
  private final BlockingQueue<Entry> queue;
  private final Thread worker;
  private final AtomicLong solved = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running = true;

  /** A queue of at most {@code capacity} waiting versions; call {@link #start()}. */
  public ScheduleSolverQueue(ProductionSchedules schedules, int capacity) {
    this.schedules = schedules;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker = new Thread(this::run, "production-scheduler");
    this.worker.setDaemon(true);
  }

  /** Starts solving. */
  public ScheduleSolverQueue start() {
    worker.start();
    return this;
  }

  @Override
  public boolean offer(ScheduleVersion version) {
    return queue.offer(new Entry(version.scheduleId(), version.version()));
  }

  @Override
  public void put(ScheduleVersion version) throws InterruptedException {
    queue.put(new Entry(version.scheduleId(), version.version()));
  }

  /** Versions waiting. */
  public int waiting() {
    return queue.size();
  }

  /** Versions solved (DONE) since start. */
  public long solvedCount() {
    return solved.get();
  }

  /** Versions that FAILED since start. */
  public long failedCount() {
    return failed.get();
  }

  /**
   * Queues again what a stop left unfinished among the newest {@code limit} schedules, oldest
   * version first.
   *
   * @return how many versions were queued
   */
  public int recover(ScheduleStore store, int limit) throws InterruptedException {
    List<ScheduleVersion> unfinished = new ArrayList<>();
    for (String id : store.recent(limit)) {
      for (ScheduleVersion v : store.versions(id)) {
        if (v.status() == ScheduleStatus.QUEUED || v.status() == ScheduleStatus.SOLVING) {
          unfinished.add(v);
        }
      }
    }
    unfinished.sort(
        Comparator.comparing(ScheduleVersion::createdAt)
            .thenComparingInt(ScheduleVersion::version));
    for (ScheduleVersion v : unfinished) {
      put(v);
    }
    return unfinished.size();
  }

  private void run() {
    while (running) {
      Entry entry;
      try {
        entry = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (entry == null) {
        continue;
      }
      try {
        schedules
            .solve(entry.scheduleId(), entry.version())
            .ifPresent(
                v -> {
                  (v.status() == ScheduleStatus.DONE ? solved : failed).incrementAndGet();
                  LOG.info(
                      "schedule {} v{} {}{}",
                      v.scheduleId(),
                      v.version(),
                      v.status(),
                      v.error() == null ? "" : ": " + v.error());
                });
      } catch (java.util.concurrent.CancellationException e) {
        return;
      } catch (RuntimeException e) {
        // the store failed: the version stays QUEUED/SOLVING and is recovered at the next start
        failed.incrementAndGet();
        LOG.warn(
            "solving schedule {} v{} failed: {}",
            entry.scheduleId(),
            entry.version(),
            e.toString());
      }
    }
  }

  /** Stops, abandoning a solve under way (it stays SOLVING and is recovered at the next start). */
  @Override
  public void close() throws InterruptedException {
    running = false;
    worker.interrupt();
    worker.join(java.time.Duration.ofSeconds(30).toMillis());
  }
}
